import type { Command } from 'commander';
import { assemblePortal } from '../../app.js';
import { createLogger } from '../../logging.js';
import { createConfiguredTransport } from '../../mail/transports/index.js';
import { loadMasterKey } from '../../secrets/secret-key.js';
import { openDatabase } from '../../storage/database.js';
import { MAILBOX_PATH } from '../../web/views/mailbox-page.js';
import { buildServer } from '../../web/server.js';
import { CliFailure, migrateOrFail, requireConfig, type CliContext } from '../runtime.js';

export function serveCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('lance le serveur web et l’envoi des courriels (migre la base au démarrage)')
    .action(async () => {
      const config = requireConfig(ctx.env);
      const logger = createLogger(config.logLevel);
      const masterKey = loadMasterKey({ secret: config.secret, dataDir: config.dataDir });
      if (!masterKey.ok) throw new CliFailure(`clé maîtresse : ${masterKey.reason}`);
      const db = openDatabase(config.database);
      await migrateOrFail(db);
      const { transport, kind } = createConfiguredTransport(config, ctx.clock);
      if (kind === 'mailbox') {
        logger.warn(
          { mailbox: new URL(MAILBOX_PATH, config.http.publicUrl).href },
          "POUR ESSAYER eGEC SEULEMENT : aucun serveur SMTP (EGEC_SMTP_URL), les courriels restent dans la boîte aux lettres intégrée, qui montre les mots de passe (accessible depuis cette machine uniquement)",
        );
      }
      const portal = assemblePortal({ config, db, clock: ctx.clock, logger, masterKey: masterKey.key, transport });
      const app = await buildServer({ ...portal.web, logger });

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'arrêt demandé : fin des requêtes et des envois en cours');
        await app.close();
        await portal.worker.stop();
        await transport.close();
        await db.destroy();
        logger.info('arrêté');
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));

      await app.listen({ host: config.http.host, port: config.http.port });
      portal.worker.start();
      logger.info({ publicUrl: config.http.publicUrl.href, database: config.database.kind, mail: kind }, 'eGEC prêt');
    });
}
