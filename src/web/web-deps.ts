/**
 * What the web layer is given: configuration, storage, time, and the domain functions already
 * bound to their dependencies (hasher, generator, sealer, mail renderer, worker) by `src/app.ts`.
 * Routes stay thin: parse the form, call one of these, render the outcome.
 */
import type { ActivationOutcome } from '../activation/activation.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { PasswordHasher } from '../credentials/password-hasher.js';
import type { AuditDeps } from '../audit/audit-log.js';
import type { GuardedLoginOutcome } from '../login/guarded-login.js';
import type { ContentSealer } from '../mail/content-sealer.js';
import type { Metrics } from '../metrics/metrics.js';
import type { RateLimits } from '../security/rate-limits.js';
import type { ClientMeta } from '../sessions/session-store.js';
import type { Db } from '../storage/database.js';
import type { Texts } from '../texts/index.js';

export interface WebDeps {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  /** argon2id with the configured costs; the back-office hashes staff passwords with it too. */
  readonly hasher: PasswordHasher;
  /** Prometheus series of this process (latency, outcomes, hash time; outbox and locks read at scrape). */
  readonly metrics: Metrics;
  /** Per-IP and per-email throttling, shared by every instance. */
  readonly limits: RateLimits;
  /**
   * Locked, verified and audited (guarded-login.ts). `meta` (IP, user agent) goes to the session
   * row and the audit log; `previousToken`, the browser's current session, is ended on success.
   */
  readonly login: (identifiant: string, password: string, meta: ClientMeta, previousToken?: string) => Promise<GuardedLoginOutcome>;
  /** The audit log (table + pino), keyed with the master key's audit subkey. */
  readonly audit: AuditDeps;
  /** `texts` is the page's language, which the mail is written in too; `meta` as for login. */
  readonly requestActivation: (email: string, texts: Texts, meta: ClientMeta) => Promise<ActivationOutcome>;
  /** Seals the confirmation page's cookie (which mail to report on), so it cannot be forged. */
  readonly cookieSealer: ContentSealer;
}
