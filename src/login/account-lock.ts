/**
 * Per-identifiant lock against password guessing (ASVS V6.3.1, NIST SP 800-63B §5.2.2, CNIL 2022).
 *
 * After `after` consecutive failures the identifiant is locked for `firstMs`; each further failure
 * (once the lock has ended) doubles the wait, up to `maxMs`. At 100 consecutive failures (NIST's
 * ceiling) it stays locked until a new activation clears it: the memo's own way back in, which
 * also mails a new password. A success resets everything.
 *
 * Race safety: a failure is counted by one atomic upsert that also sets the lock, and is not
 * counted while locked, so parallel failures stop exactly at the limit. For the guesses
 * themselves to stop there too, the login route should count the attempt BEFORE verifying the
 * password (pessimistic counting) and undo it on success:
 *   const attempt = await recordFailure(db, clock, identifiant, policy);
 *   if (!attempt.counted) → refuse as locked, without verifying the password;
 *   verify; right → recordSuccess(db, identifiant); wrong → nothing more to do.
 * Unknown identifiants are counted and locked the same way, so a lock reveals nothing.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../storage/database.js';

export type LockPolicy = Config['loginLock'];

/** NIST SP 800-63B: no more than 100 consecutive failed attempts on one account. */
export const MAX_CONSECUTIVE_FAILURES = 100;

/** `untilMs: null`: locked until a new activation (100 consecutive failures). */
export type LockState = { readonly locked: false } | { readonly locked: true; readonly untilMs: number | null };

export type FailureOutcome =
  | { readonly counted: true; readonly failures: number; readonly lock: LockState }
  | { readonly counted: false; readonly lock: LockState };

export async function checkLock(db: Db, clock: Clock, identifiant: string): Promise<LockState> {
  const row = await db
    .selectFrom('login_lock')
    .select(['failures', 'locked_until'])
    .where('identifiant', '=', identifiant)
    .executeTakeFirst();
  return row === undefined ? { locked: false } : stateOf(row.failures, row.locked_until, clock.now());
}

/** Counts one failure unless the identifiant is locked; sets the lock when the count calls for it. */
export async function recordFailure(db: Db, clock: Clock, identifiant: string, policy: LockPolicy): Promise<FailureOutcome> {
  const now = clock.now();
  const row = await db
    .insertInto('login_lock')
    .values({ identifiant, failures: 1, locked_until: lockedUntil(1, now, policy), updated_at: now })
    .onConflict((oc) =>
      oc
        .column('identifiant')
        .doUpdateSet({
          failures: sql`login_lock.failures + 1`,
          locked_until: lockedUntilSql(sql`login_lock.failures + 1`, now, policy),
          updated_at: now,
        })
        .where(sql<boolean>`login_lock.failures < ${MAX_CONSECUTIVE_FAILURES}`)
        .where(sql<boolean>`(login_lock.locked_until is null or login_lock.locked_until <= ${now})`),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirst();
  if (row === undefined) return { counted: false, lock: await checkLock(db, clock, identifiant) };
  return { counted: true, failures: row.failures, lock: stateOf(row.failures, row.locked_until, now) };
}

/** A right password: the consecutive failures start again from zero. */
export async function recordSuccess(db: Db, identifiant: string): Promise<void> {
  await clearLock(db, identifiant);
}

/** A new activation (new password mailed) lifts any lock. Accepts a transaction. */
export async function clearLock(db: Db, identifiant: string): Promise<void> {
  await db.deleteFrom('login_lock').where('identifiant', '=', identifiant).execute();
}

function stateOf(failures: number, lockedUntilMs: number | null, now: number): LockState {
  if (failures >= MAX_CONSECUTIVE_FAILURES) return { locked: true, untilMs: null };
  if (lockedUntilMs !== null && lockedUntilMs > now) return { locked: true, untilMs: lockedUntilMs };
  return { locked: false };
}

/** When a lock set by the `failures`-th consecutive failure ends; null when none (or permanent). */
function lockedUntil(failures: number, now: number, policy: LockPolicy): number | null {
  if (failures < policy.after || failures >= MAX_CONSECUTIVE_FAILURES) return null;
  return now + Math.min(policy.maxMs, policy.firstMs * 2 ** (failures - policy.after));
}

/**
 * The same function as SQL, for the atomic upsert: one CASE branch per doubling until the wait
 * reaches its maximum (a handful of branches), so no dialect-specific power() is needed.
 */
function lockedUntilSql(failures: RawBuilder<unknown>, now: number, policy: LockPolicy): RawBuilder<number | null> {
  const branches: RawBuilder<unknown>[] = [];
  for (let n = policy.after; n < MAX_CONSECUTIVE_FAILURES; n++) {
    const until = lockedUntil(n, now, policy)!;
    branches.push(sql`when ${failures} = ${n} then cast(${until} as bigint)`);
    if (until - now >= policy.maxMs) break;
  }
  return sql<number | null>`case
    when ${failures} < ${policy.after} then null
    ${sql.join(branches, sql` `)}
    when ${failures} < ${MAX_CONSECUTIVE_FAILURES} then cast(${now + policy.maxMs} as bigint)
    else null end`;
}
