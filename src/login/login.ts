/**
 * Login: identifiant + password → a fresh client session.
 *
 * Security model: the caller learns only `ok` or not; the reason ('unknown-identifiant',
 * 'wrong-password', 'superseded-password', 'expired-password', 'disabled') is for the audit log,
 * never for the page, so the form does not tell which identifiants exist or which files are
 * disabled. Every failed attempt verifies the same argon2id hashes: first the `liveSlots` live
 * ones, in parallel, then the newest dead one (to tell a password from a superseded mail), with
 * dummies standing in for what is missing; so response times do not tell either — nor how many
 * passwords a file holds. A right password stops after the live ones: a login costs one
 * verification (issue 8's budget), and success is no secret from the one who typed it.
 * Which passwords work is the lifecycle's rule (src/credentials/password-lifecycle.ts); a
 * successful login always issues a new session token and ends the one the browser came with.
 * The typed values are forgiven the memo's pitfalls only: spaces pasted around either value,
 * spaces inside the identifiant and the letter O typed for 0 there. The password stays
 * case-sensitive. Locks, throttling and the audit wrap this function (guarded-login.ts).
 */
import type { Clock } from '../clock.js';
import { normalizeTypedIdentifiant } from '../clients/identifiant.js';
import type { PasswordHasher } from '../credentials/password-hasher.js';
import { liveSlots, loginCandidates, recordUse, type PasswordPolicy, type StoredPassword } from '../credentials/password-lifecycle.js';
import type { Db } from '../storage/database.js';
import { createSession, endSession, type ClientMeta, type Session, type SessionPolicy } from '../sessions/session-store.js';

export interface LoginDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly hasher: PasswordHasher;
  readonly sessions: SessionPolicy;
  readonly passwords: PasswordPolicy;
}

export type LoginFailure = 'unknown-identifiant' | 'wrong-password' | 'superseded-password' | 'expired-password' | 'disabled';

/** More writes a success commits with its session: the guard's lock reset and audit row. */
export type SuccessWrites = (tx: Db, identifiant: string) => Promise<void>;

export type LoginOutcome =
  | { ok: true; identifiant: string; token: string; session: Session }
  | { ok: false; reason: LoginFailure; identifiant: string | null };

/** Longer than any password eGEC generates by far; refused before hashing so argon2 is not fed megabytes. */
export const PASSWORD_MAX = 128;

/** `previousToken`: the session cookie the browser came with, ended on success (rotation). */
export async function login(
  deps: LoginDeps,
  rawIdentifiant: string,
  rawPassword: string,
  meta: ClientMeta,
  previousToken?: string,
  alsoOnSuccess?: SuccessWrites,
): Promise<LoginOutcome> {
  const { db, clock } = deps;
  const identifiant = normalizeTypedIdentifiant(rawIdentifiant);
  const password = rawPassword.trim();
  const client =
    identifiant === null
      ? undefined
      : await db.selectFrom('client').select(['identifiant', 'status']).where('identifiant', '=', identifiant).executeTakeFirst();
  const now = clock.now();
  // An identifiant that reads as one is looked up the same way whether its file exists or not.
  const candidates =
    identifiant !== null && password.length <= PASSWORD_MAX ? await loginCandidates(db, identifiant, now, deps.passwords) : { live: [], dead: undefined };
  const checked = await verifyAll(deps, candidates.live, candidates.dead, password.slice(0, PASSWORD_MAX));
  if (!client) return { ok: false, reason: 'unknown-identifiant', identifiant };

  const failure = (reason: LoginFailure) => ({ ok: false as const, reason, identifiant: client.identifiant });
  if (checked.live === undefined) {
    if (checked.dead && candidates.dead) return failure(candidates.dead.reason === 'expired' ? 'expired-password' : 'superseded-password');
    return failure('wrong-password');
  }
  if (client.status !== 'active') return failure('disabled');

  // Everything a success writes, in one commit (issue 8: commits, not rows, cost the most here).
  const used = checked.live;
  const { token, session } = await db.transaction().execute(async (tx) => {
    await recordUse(tx, client.identifiant, used, now);
    if (previousToken !== undefined) await endSession(tx, clock, previousToken, 'replaced');
    await alsoOnSuccess?.(tx, client.identifiant);
    return createSession(tx, clock, { kind: 'client', id: client.identifiant }, deps.sessions, meta);
  });
  return { ok: true, identifiant: client.identifiant, token, session };
}

/** The fixed sequence of verifications: every live slot, then (only if none matched) the dead one; dummies where nothing is stored. */
async function verifyAll(
  { hasher, passwords }: LoginDeps,
  live: readonly StoredPassword[],
  dead: StoredPassword | undefined,
  password: string,
): Promise<{ live: StoredPassword | undefined; dead: boolean }> {
  const check = (stored: StoredPassword | undefined) => (stored === undefined ? hasher.verifyUnknown(password) : hasher.verify(stored.hash, password));
  const slots = Array.from({ length: liveSlots(passwords) }, (_, i) => live[i]);
  const liveMatches = await Promise.all(slots.map(check));
  const matched = slots.find((_, i) => liveMatches[i] === true);
  if (matched !== undefined) return { live: matched, dead: false };
  return { live: undefined, dead: await check(dead) };
}
