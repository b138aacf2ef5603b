import type { Command } from 'commander';
import { createLogger } from '../../logging.js';
import { openDatabase } from '../../storage/database.js';
import { migrateOrFail, requireConfig, type CliContext } from '../runtime.js';

export function serveCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('lance le serveur web (migre la base au démarrage)')
    .action(async () => {
      const config = requireConfig(ctx.env);
      const logger = createLogger(config.logLevel);
      const db = openDatabase(config.database);
      await migrateOrFail(db);
      // Loaded here so that the other commands start without the web stack.
      const { buildServer } = await import('../../web/server.js');
      const app = await buildServer({ config, db, clock: ctx.clock, logger });

      let stopping = false;
      // Answers sent while stopping close their connection: otherwise a keep-alive client holds
      // the process open until Node's keep-alive timeout, after its request has completed.
      app.addHook('onSend', async (_request, reply) => {
        if (stopping) reply.header('connection', 'close');
      });
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'arrêt demandé : fin des requêtes en cours');
        await app.close();
        await db.destroy();
        logger.info('arrêté');
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));

      await app.listen({ host: config.http.host, port: config.http.port });
      logger.info({ publicUrl: config.http.publicUrl.href, database: config.database.kind }, 'eGEC prêt');
    });
}
