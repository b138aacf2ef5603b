import type { Command } from 'commander';
import { startMetricsListener, type MetricsListener } from '../../metrics/metrics-listener.js';
import { openRateCounters } from '../../security/rate-limits.js';
import { MAILBOX_PATH } from '../../web/views/mailbox-page.js';
import { startHousekeeping } from '../housekeeping.js';
import { requireMasterKey, startMailDelivery } from '../mail-delivery.js';
import { openService, type CliContext } from '../runtime.js';

export function serveCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description("lance le serveur web et l'envoi des courriels (migre la base au démarrage)")
    .action(async () => {
      const { config, logger, db } = await openService(ctx);
      // First: a missing or unreadable master key stops the start before anything listens.
      const masterKey = requireMasterKey(config, logger);
      const delivery = startMailDelivery({ config, db, clock: ctx.clock, logger, masterKey });
      const housekeeping = startHousekeeping({ db, clock: ctx.clock, logger, auditRetentionMs: config.auditRetentionMs });
      if (config.mail.smtpUrl === undefined) {
        logger.warn(
          { mailbox: new URL(MAILBOX_PATH, config.http.publicUrl).href },
          'POUR ESSAYER eGEC SEULEMENT : aucun serveur SMTP (EGEC_SMTP_URL), les courriels restent dans la boîte aux lettres intégrée, qui montre les mots de passe (ouverte à cette machine seulement)',
        );
      }
      // Loaded here so that the other commands start without the web stack.
      const [{ assembleWeb }, { buildServer }] = await Promise.all([import('../../app.js'), import('../../web/server.js')]);
      const rateCounters = openRateCounters({ redisUrl: config.redisUrl, db, clock: ctx.clock });
      const web = assembleWeb({ config, db, clock: ctx.clock, masterKey, wakeMailer: () => delivery.worker.wake(), rateCounters, logger });
      const app = await buildServer({ ...web, logger, masterKey });

      let metricsListener: MetricsListener | undefined;
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
        await metricsListener?.close();
        await delivery.stop();
        await housekeeping.stop();
        await rateCounters.close();
        await db.destroy();
        logger.info('arrêté');
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));

      await app.listen({ host: config.http.host, port: config.http.port });
      const { port: metricsPort, host: metricsHost, token: metricsToken } = config.metrics;
      if (metricsPort !== undefined) {
        metricsListener = await startMetricsListener(web.metrics.registry, { host: metricsHost, port: metricsPort, token: metricsToken });
        logger.info({ metrics: metricsListener.url.href }, 'métriques Prometheus');
      }
      logger.info({ publicUrl: config.http.publicUrl.href, database: config.database.kind }, 'eGEC prêt');
    });
}
