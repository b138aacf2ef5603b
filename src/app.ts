/**
 * Composition of the web side: from the configuration and the infrastructure (database, clock,
 * master key, a way to wake the mail worker) to `WebDeps`, each domain function bound to its real
 * dependencies (argon2id hasher, password generator, outbox sealer, the memo's mail). `egec serve`
 * and the end-to-end tests assemble eGEC through here, so they run the same wiring.
 */
import { requestActivation } from './activation/activation.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { createArgon2Hasher } from './credentials/argon2-hasher.js';
import { generatePassword } from './credentials/password-generator.js';
import { auditKey } from './audit/audit-log.js';
import { guardedLogin } from './login/guarded-login.js';
import type { Logger } from './logging.js';
import { createAesSealer } from './mail/content-sealer-aes.js';
import { renderCredentialsMail } from './mail/credentials-mail.js';
import { databaseMetricSources } from './metrics/metric-sources.js';
import { createMetrics, measuredHasher } from './metrics/metrics.js';
import { withOutcomeCounts } from './metrics/outcome-metrics.js';
import { deriveSubkey } from './secrets/secret-key.js';
import { rateLimits, type RateCounters } from './security/rate-limits.js';
import type { Db } from './storage/database.js';
import type { WebDeps } from './web/web-deps.js';

export interface WebInfrastructure {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly masterKey: Buffer;
  /** Tells the delivery worker of this process that a mail is waiting. */
  readonly wakeMailer: () => void;
  /** Shared throttling counters (database or Redis), opened and closed by the caller. */
  readonly rateCounters: RateCounters;
  /** Where the audit events go besides their table (the operators' log pipeline). */
  readonly logger: Logger;
}

export function assembleWeb({ config, db, clock, masterKey, wakeMailer, rateCounters, logger }: WebInfrastructure): WebDeps {
  // Counted whether or not /metrics is exposed: the cost is a few counters per request.
  const metrics = createMetrics(databaseMetricSources(db, clock));
  const hasher = measuredHasher(createArgon2Hasher(config.argon2), metrics);
  const audit = { db, clock, logger, key: auditKey(masterKey) };
  // The same sealing as the delivery worker's, which opens what activation enqueues.
  const mailSealer = createAesSealer(masterKey);
  const web: WebDeps = {
    config,
    db,
    clock,
    hasher,
    metrics,
    limits: rateLimits(rateCounters, config.limits),
    cookieSealer: createAesSealer(deriveSubkey(masterKey, 'web cookies v1')),
    audit,
    login: (identifiant, password, meta, previousToken) =>
      guardedLogin(
        { db, clock, hasher, sessions: config.sessions, passwords: config.passwords, lock: config.loginLock, audit },
        identifiant,
        password,
        meta,
        previousToken,
      ),
    requestActivation: (email, texts, meta) =>
      requestActivation(
        {
          db,
          clock,
          hasher,
          generatePassword: () => generatePassword(),
          passwords: config.passwords,
          sealer: mailSealer,
          composeMail: (content) => renderCredentialsMail({ ...content, timeZone: config.timeZone, publicUrl: config.http.publicUrl, texts }),
          wakeMailer,
          audit,
        },
        email,
        meta,
      ),
  };
  return withOutcomeCounts(web, metrics);
}
