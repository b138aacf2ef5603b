/**
 * When a generated password starts and stops working: the one home of that rule, used by
 * activation (a new password is issued) and by login (which passwords a typed one is checked
 * against, and what its first use changes).
 *
 * Modes (EGEC_PASSWORD_REPLACE, README):
 * - `immediate` (the memo's): a new password retires every earlier one at once.
 * - `pending`: a new password works at once, but the last password already USED keeps working
 *   until the new one is first used, so someone who only knows a client's email cannot lock the
 *   client out by pressing ENVOYER. Passwords never used die when a newer one is issued, so « only
 *   the last mail counts » stays true for every mail the client has not used yet.
 * EGEC_PASSWORD_UNUSED_TTL: a password never used expires that long after it was issued (ASVS
 * 6.4.1); a password in use does not. Expiry is computed when read, so no sweeper is needed.
 *
 * Timing: login checks a fixed number of hashes per attempt (`liveSlots` live ones plus the
 * newest dead one), whatever the file holds, so the count of passwords is not visible either.
 */
import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { Db } from '../storage/database.js';
import type { PasswordRetirement } from '../storage/schema.js';

export type PasswordPolicy = Config['passwords'];

/** Hashes a login attempt verifies against, whatever the file holds: `live` slots + one dead. */
export function liveSlots(policy: PasswordPolicy): number {
  return policy.replace === 'pending' ? 2 : 1;
}

export interface StoredPassword {
  readonly id: number;
  readonly hash: string;
  /** Logged in with at least once (`first_used_at` set). */
  readonly used: boolean;
}

/** Why a password that no longer works stopped: for the audit log, never for the page. */
export type DeadReason = PasswordRetirement;

export interface LoginCandidates {
  /** Newest first, at most `liveSlots(policy)`. */
  readonly live: readonly StoredPassword[];
  /** The newest password that no longer works, to tell « a superseded mail » from a typo. */
  readonly dead: (StoredPassword & { readonly reason: DeadReason }) | undefined;
}

/** Rows read per login: the unretired ones first (at most two in a steady state), then the newest retired. */
const RECENT = 4;

export async function loginCandidates(db: Db, identifiant: string, now: number, policy: PasswordPolicy): Promise<LoginCandidates> {
  const rows = await db
    .selectFrom('password')
    .select(['id', 'hash', 'issued_at', 'first_used_at', 'retired_at', 'retired_reason'])
    .where('identifiant', '=', identifiant)
    .orderBy(sql`case when retired_at is null then 0 else 1 end`)
    .orderBy('id', 'desc')
    .limit(RECENT)
    .execute();
  const live: StoredPassword[] = [];
  let dead: LoginCandidates['dead'];
  for (const row of rows) {
    const reason = row.retired_at !== null ? (row.retired_reason ?? 'superseded') : expired(row, now, policy) ? 'expired' : undefined;
    const stored = { id: Number(row.id), hash: row.hash, used: row.first_used_at !== null };
    if (reason === undefined) live.push(stored);
    else dead ??= { ...stored, reason };
  }
  return { live: live.slice(0, liveSlots(policy)), dead };
}

/**
 * Before new passwords are inserted for these files (inside activation's transaction): retires
 * what the mode says must stop now. Returns nothing: the new rows make the rest follow.
 */
export async function retireOnIssue(tx: Db, identifiants: readonly string[], now: number, policy: PasswordPolicy): Promise<void> {
  if (identifiants.length === 0) return;
  let query = tx
    .updateTable('password')
    .set({ retired_at: now, retired_reason: 'superseded' })
    .where('identifiant', 'in', [...identifiants])
    .where('retired_at', 'is', null);
  // Pending: the password in use survives; only never-used ones (older pending mails) die.
  if (policy.replace === 'pending') query = query.where('first_used_at', 'is', null);
  await query.execute();
}

/**
 * A successful login with `password` (inside login's transaction): its first use is recorded and
 * retires every older password of the file (in pending mode, the one it was replacing; in
 * immediate mode there is none). A later use writes nothing: that first use retired them all in
 * the same commit, and only newer passwords are ever added.
 */
export async function recordUse(tx: Db, identifiant: string, password: StoredPassword, now: number): Promise<void> {
  if (password.used) return;
  const { id } = password;
  await tx.updateTable('password').set({ first_used_at: now }).where('id', '=', id).where('first_used_at', 'is', null).execute();
  await tx
    .updateTable('password')
    .set({ retired_at: now, retired_reason: 'superseded' })
    .where('identifiant', '=', identifiant)
    .where('id', '<', id)
    .where('retired_at', 'is', null)
    .execute();
}

function expired(row: { issued_at: number; first_used_at: number | null }, now: number, policy: PasswordPolicy): boolean {
  return policy.unusedTtlMs !== undefined && row.first_used_at === null && now >= Number(row.issued_at) + policy.unusedTtlMs;
}
