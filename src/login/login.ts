/**
 * Login: identifiant + password → a fresh client session.
 *
 * Security model: the caller learns only `ok` or not; the reason ('unknown-identifiant',
 * 'no-password', 'wrong-password', 'disabled') is for the audit log, never for the page, so the
 * form does not tell which identifiants exist or which files are disabled. Every attempt that
 * reaches this function costs one argon2id verification (a dummy one when there is nothing to
 * check against), so response times do not tell either. Only the live password of a file (the one
 * of the last activation mail) is accepted; a successful login always issues a new session token.
 * The typed values are forgiven the memo's pitfalls only: spaces pasted around either value,
 * spaces inside the identifiant and the letter O typed for 0 there. The password stays
 * case-sensitive. Throttling and account locks wrap this function (src/security), they are not in it.
 */
import type { Clock } from '../clock.js';
import { normalizeTypedIdentifiant } from '../clients/identifiant.js';
import type { PasswordHasher } from '../credentials/password-hasher.js';
import type { Db } from '../storage/database.js';
import { createSession, type ClientMeta, type Session, type SessionPolicy } from '../sessions/session-store.js';

export interface LoginDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly hasher: PasswordHasher;
  readonly sessions: SessionPolicy;
}

export type LoginFailure = 'unknown-identifiant' | 'no-password' | 'wrong-password' | 'disabled';

export type LoginOutcome =
  | { ok: true; identifiant: string; token: string; session: Session }
  | { ok: false; reason: LoginFailure; identifiant: string | null };

/** Longer than any password eGEC generates by far; refused before hashing so argon2 is not fed megabytes. */
export const PASSWORD_MAX = 128;

export async function login(deps: LoginDeps, rawIdentifiant: string, rawPassword: string, meta: ClientMeta): Promise<LoginOutcome> {
  const { db, clock, hasher } = deps;
  const identifiant = normalizeTypedIdentifiant(rawIdentifiant);
  const password = rawPassword.trim();
  const client =
    identifiant === null
      ? undefined
      : await db.selectFrom('client').select(['identifiant', 'status']).where('identifiant', '=', identifiant).executeTakeFirst();
  if (!client) {
    await hasher.verifyUnknown(password.slice(0, PASSWORD_MAX));
    return { ok: false, reason: 'unknown-identifiant', identifiant };
  }
  if (password.length > PASSWORD_MAX) {
    await hasher.verifyUnknown(password.slice(0, PASSWORD_MAX));
    return { ok: false, reason: 'wrong-password', identifiant: client.identifiant };
  }
  const live = await db
    .selectFrom('password')
    .select(['id', 'hash'])
    .where('identifiant', '=', client.identifiant)
    .where('retired_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!live) {
    await hasher.verifyUnknown(password);
    return { ok: false, reason: 'no-password', identifiant: client.identifiant };
  }
  const matches = await hasher.verify(live.hash, password);
  if (client.status !== 'active') return { ok: false, reason: 'disabled', identifiant: client.identifiant };
  if (!matches) return { ok: false, reason: 'wrong-password', identifiant: client.identifiant };

  const now = clock.now();
  await db.updateTable('password').set({ first_used_at: now }).where('id', '=', live.id).where('first_used_at', 'is', null).execute();
  const { token, session } = await createSession(db, clock, { kind: 'client', id: client.identifiant }, deps.sessions, meta);
  return { ok: true, identifiant: client.identifiant, token, session };
}
