/**
 * What every back-office route receives: the database, the clock, the hasher, the session policy and
 * cookie, the deny-list of passwords, the seam through which a client's email change is announced,
 * the audit log every staff action goes to, and the client's own ENVOYER (for « nouveau mot de passe »).
 */
import type { AuditDeps } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { OnClientChanged } from '../clients/client-repository.js';
import type { Config } from '../config.js';
import type { PasswordHasher } from '../credentials/password-hasher.js';
import type { LockPolicy } from '../login/account-lock.js';
import type { RateLimiter } from '../security/rate-limits.js';
import type { ContentSealer } from '../mail/content-sealer.js';
import type { SessionCookie } from '../sessions/session-cookie.js';
import type { SessionPolicy } from '../sessions/session-store.js';
import type { Db } from '../storage/database.js';
import type { WebDeps } from '../web/web-deps.js';
import type { StaffRole } from './staff/staff-roles.js';

export interface BackOfficeContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly hasher: PasswordHasher;
  readonly policy: SessionPolicy;
  readonly cookie: SessionCookie;
  readonly publicUrl: URL;
  readonly totpRequired: readonly StaffRole[];
  readonly commonPasswords: ReadonlySet<string>;
  /**
   * Called inside the transaction that changed a client file's address (before ≠ after): where the
   * mail outbox will queue the notice to the old address.
   */
  readonly emailChanged: OnClientChanged;
  readonly audit: AuditDeps;
  readonly requestActivation: WebDeps['requestActivation'];
  /** Dates shown to staff, as to clients. */
  readonly timeZone: string;
  /** Sign-in throttling: the clients' per-IP login limit and per-account lock policy. */
  readonly loginPerIp: RateLimiter;
  readonly lock: LockPolicy;
}

export interface BackOfficeDeps {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly hasher: PasswordHasher;
  readonly commonPasswords: ReadonlySet<string>;
  readonly requestActivation: WebDeps['requestActivation'];
  readonly limits: WebDeps['limits'];
  /** Seals the notices queued to a client's old address (the outbox's sealer). */
  readonly mailSealer: ContentSealer;
  readonly audit: AuditDeps;
  /** Replaces the notice to the old address (tests of the seam). */
  readonly emailChanged?: OnClientChanged;
}
