import type { Command } from 'commander';
import { requireMasterKey, startMailDelivery } from '../mail-delivery.js';
import { openService, type CliContext } from '../runtime.js';

/** `egec worker`: mail delivery alone, e.g. a second process beside `egec serve` on PostgreSQL. */
export function workerCommand(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description("envoie les courriels de la file d'envoi, sans serveur web (plusieurs peuvent tourner ensemble)")
    .action(async () => {
      const { config, logger, db } = await openService(ctx);
      const delivery = startMailDelivery({ config, db, clock: ctx.clock, logger, masterKey: requireMasterKey(config, logger) });
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          logger.info({ signal }, 'arrêt demandé : fin des envois en cours');
          void delivery
            .stop()
            .then(() => db.destroy())
            .then(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
}
