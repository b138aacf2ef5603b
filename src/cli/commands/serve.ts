import type { Command } from 'commander';
import { buildServer } from '../../web/server.js';
import { startMailDelivery } from '../mail-delivery.js';
import { openService, type CliContext } from '../runtime.js';

export function serveCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description("lance le serveur web et l'envoi des courriels (migre la base au démarrage)")
    .action(async () => {
      const { config, logger, db } = await openService(ctx);
      // First: a missing or unreadable master key stops the start before anything listens.
      const delivery = startMailDelivery({ config, db, clock: ctx.clock, logger });
      const app = await buildServer({ config, db, clock: ctx.clock, logger });

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'arrêt demandé : fin des requêtes en cours');
        await app.close();
        await delivery.stop();
        await db.destroy();
        logger.info('arrêté');
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));

      await app.listen({ host: config.http.host, port: config.http.port });
      logger.info({ publicUrl: config.http.publicUrl.href, database: config.database.kind }, 'eGEC prêt');
    });
}
