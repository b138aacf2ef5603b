/**
 * Assembles mail delivery for `egec serve` and `egec worker`: master key → sealer, configured
 * transport, delivery worker. Both commands share it so a lone worker and the one inside the web
 * server behave the same; several may run against one database (leases keep them apart).
 */
import { auditKey } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logging.js';
import { createAesSealer } from '../mail/content-sealer-aes.js';
import { createDeliveryWorker, type DeliveryWorker } from '../mail/delivery-worker.js';
import { createConfiguredTransport } from '../mail/transports/configured-transport.js';
import { loadMasterKey } from '../secrets/secret-key.js';
import type { Db } from '../storage/database.js';
import { CliFailure } from './runtime.js';

export interface MailDelivery {
  readonly worker: DeliveryWorker;
  /** Finishes in-flight sends, releases leases, closes the transport. */
  stop(): Promise<void>;
}

export function requireMasterKey(config: Config, logger: Logger): Buffer {
  const result = loadMasterKey({ secret: config.secret, dataDir: config.dataDir });
  if (!result.ok) throw new CliFailure(`clé maîtresse : ${result.reason}`);
  if (result.source === 'new-key-file') logger.warn({ file: result.file }, 'clé maîtresse créée : sauvegardez ce fichier (sans lui, la file d\'envoi est illisible)');
  return result.key;
}

/** `masterKey` from `requireMasterKey`, loaded once: `egec serve` derives its cookie key from it too. */
export function startMailDelivery(deps: { config: Config; db: Db; clock: Clock; logger: Logger; masterKey: Buffer }): MailDelivery {
  const { config, db, clock, logger } = deps;
  const sealer = createAesSealer(deps.masterKey);
  const transport = createConfiguredTransport(config, clock);
  const kind = config.mail.smtpUrl === undefined ? 'mailbox' : 'smtp';
  const { retryWindowMs, leaseMs, concurrency } = config.mail;
  const audit = { db, clock, logger, key: auditKey(deps.masterKey) };
  const worker = createDeliveryWorker({ db, clock, transport, sealer, logger, audit }, { retryWindowMs, leaseMs, concurrency });
  logger.info({ transport: kind }, kind === 'smtp' ? 'courriels envoyés par SMTP' : 'courriels déposés dans la boîte intégrée');
  worker.start();
  return {
    worker,
    async stop() {
      await worker.stop();
      await transport.close();
    },
  };
}
