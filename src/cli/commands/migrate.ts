import type { Command } from 'commander';
import { openDatabase } from '../../storage/database.js';
import { migrateOrFail, requireConfig, type CliContext } from '../runtime.js';

export function migrateCommand(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('met la base de données au dernier schéma (SQLite ou PostgreSQL)')
    .action(async () => {
      const config = requireConfig(ctx.env);
      const db = openDatabase(config.database);
      try {
        const applied = await migrateOrFail(db);
        ctx.out(applied.length === 0 ? 'Base déjà à jour.' : `Migrations appliquées : ${applied.join(', ')}`);
      } finally {
        await db.destroy();
      }
    });
}
