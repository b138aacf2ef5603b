/**
 * `egec limits purge`: deletes the rate-limit counters whose window has ended (database counters;
 * Redis keys expire by themselves). Activation counts every typed address, so without it a table
 * row would stay for every address ever tried. `egec serve` runs the same purge hourly
 * (housekeeping.ts); this command is for doing it by hand.
 */
import type { Command } from 'commander';
import { purgeRateCounters } from '../../security/rate-counter-database.js';
import { requireConfig, withDatabase, type CliContext } from '../runtime.js';

export function limitsCommand(program: Command, ctx: CliContext): void {
  const limits = program.command('limits').description('compteurs des limites de fréquence');
  limits
    .command('purge')
    .description('supprime les compteurs dont la fenêtre est terminée')
    .action(async () => {
      const config = requireConfig(ctx.env);
      const deleted = await withDatabase(config, (db) => purgeRateCounters(db, ctx.clock));
      ctx.out(`${deleted} compteur(s) expiré(s) supprimé(s).`);
    });
}
