/**
 * Composition: from the configuration and the infrastructure (database, clock, master key, mail
 * transport) to what the web layer and the delivery worker need, each domain function bound to
 * its real dependencies. `egec serve` and the end-to-end tests assemble eGEC through here, so they
 * run the same wiring.
 */
import { requestActivation } from './activation/activation.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { createArgon2Hasher } from './credentials/argon2-hasher.js';
import { generatePassword } from './credentials/password-generator.js';
import type { Logger } from './logging.js';
import { login } from './login/login.js';
import { createAesSealer } from './mail/content-sealer-aes.js';
import { renderCredentialsMail } from './mail/credentials-mail.js';
import { createDeliveryWorker, type DeliveryWorker } from './mail/delivery-worker.js';
import type { MailTransport } from './mail/mail-message.js';
import { deriveSubkey } from './secrets/secret-key.js';
import type { Db } from './storage/database.js';
import type { WebDeps } from './web/web-deps.js';

export interface PortalInfrastructure {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly masterKey: Buffer;
  readonly transport: MailTransport;
}

export interface Portal {
  readonly web: WebDeps;
  readonly worker: DeliveryWorker;
}

export function assemblePortal({ config, db, clock, logger, masterKey, transport }: PortalInfrastructure): Portal {
  const hasher = createArgon2Hasher(config.argon2);
  const mailSealer = createAesSealer(masterKey);
  const worker = createDeliveryWorker(
    { db, clock, transport, sealer: mailSealer, logger },
    { retryWindowMs: config.mail.retryWindowMs, leaseMs: config.mail.leaseMs, concurrency: config.mail.concurrency },
  );
  const web: WebDeps = {
    config,
    db,
    clock,
    cookieSealer: createAesSealer(deriveSubkey(masterKey, 'web cookies v1')),
    login: (identifiant, password, meta) => login({ db, clock, hasher, sessions: config.sessions }, identifiant, password, meta),
    requestActivation: (email, texts) =>
      requestActivation(
        {
          db,
          clock,
          hasher,
          generatePassword: () => generatePassword(),
          sealer: mailSealer,
          composeMail: (content) =>
            renderCredentialsMail({ ...content, timeZone: config.timeZone, publicUrl: config.http.publicUrl, texts }),
          wakeMailer: () => worker.wake(),
        },
        email,
      ),
  };
  return { web, worker };
}
