/**
 * Login as the web calls it: the per-identifiant lock around `login`, and every outcome written
 * to the audit log (table + pino) with its reason, IP and user agent, never the password.
 *
 * Security model (ASVS 6.3.1, NIST SP 800-63B §5.2.2): the attempt is counted as a failure BEFORE
 * the password is verified (one atomic upsert, account-lock.ts), and undone on success, so
 * parallel guesses cannot get more verifications than the limit allows. While locked the password
 * is not verified at all: the answer (« Compte temporairement bloqué ») is the same whether it was
 * right or wrong, so a lock is never a password oracle. Unknown identifiants are counted and locked
 * like known ones, so a lock says nothing about existence. Typed values that cannot be an
 * identifiant (not ten digits) cannot be anyone's: they are not counted (the per-IP limit covers
 * them) and reach the audit only as a keyed hash.
 */
import { auditAfterCommit, recordAudit, type AuditDeps } from '../audit/audit-log.js';
import { normalizeTypedIdentifiant } from '../clients/identifiant.js';
import type { ClientMeta } from '../sessions/session-store.js';
import { recordFailure, recordSuccess, type LockPolicy } from './account-lock.js';
import { login, type LoginDeps, type LoginOutcome, type SuccessWrites } from './login.js';

export interface GuardedLoginDeps extends LoginDeps {
  readonly lock: LockPolicy;
  readonly audit: AuditDeps;
}

/** `untilMs: null`: locked until a new activation. */
export type GuardedLoginOutcome = LoginOutcome | { ok: false; reason: 'locked'; identifiant: string; untilMs: number | null };

export async function guardedLogin(
  deps: GuardedLoginDeps,
  rawIdentifiant: string,
  rawPassword: string,
  meta: ClientMeta,
  previousToken?: string,
): Promise<GuardedLoginOutcome> {
  const context = { ip: meta.ip, userAgent: meta.userAgent };
  const identifiant = normalizeTypedIdentifiant(rawIdentifiant);
  if (identifiant !== null) {
    const attempt = await recordFailure(deps.db, deps.clock, identifiant, deps.lock);
    if (!attempt.counted && attempt.lock.locked) {
      await recordAudit(deps.audit, { type: 'login.failed', identifiant, reason: 'locked' }, context);
      return { ok: false, reason: 'locked', identifiant, untilMs: attempt.lock.untilMs };
    }
  }
  // A success resets the lock and is audited in the same commit as its session.
  const audited = auditAfterCommit(deps.audit);
  const succeeded: SuccessWrites = async (tx, id) => {
    await recordSuccess(tx, id);
    await recordAudit(audited.within(tx), { type: 'login.succeeded', identifiant: id }, context);
  };
  const outcome = await login(deps, rawIdentifiant, rawPassword, meta, previousToken, succeeded);
  audited.publish();
  if (!outcome.ok) {
    await recordAudit(deps.audit, { type: 'login.failed', identifiant: outcome.identifiant ?? rawIdentifiant.trim(), reason: outcome.reason }, context);
  }
  return outcome;
}
