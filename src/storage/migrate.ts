/**
 * Brings a database to the latest schema. Runs at `egec serve` start and with `egec migrate`;
 * concurrent starts are safe (Kysely takes a lock table / advisory lock).
 */
import { Migrator, type MigrationResult } from 'kysely';
import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

export type MigrateOutcome =
  | { ok: true; applied: string[] }
  | { ok: false; applied: string[]; failed: string; message: string };

export async function migrateToLatest(db: Db): Promise<MigrateOutcome> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  const applied = results.filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName);
  if (error === undefined) return { ok: true, applied };
  const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'migration';
  return { ok: false, applied, failed, message: error instanceof Error ? error.message : String(error) };
}
