/**
 * Server-side sessions, for clients and staff alike (Lucia's design).
 *
 * Security model: the cookie carries a 256-bit random token; the database keeps only its SHA-256,
 * so a database dump yields no usable session. A fresh token is issued at every login (no fixation).
 * A session ends on logout, after `idleTimeoutMs` without a request, at `absoluteTimeoutMs` after
 * login, or when everything of a subject is ended (new activation, disabled client file).
 * Validation outcomes are returned, never thrown.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Db } from '../storage/database.js';
import type { SessionSubjectKind, SessionTable } from '../storage/schema.js';

export interface SessionPolicy {
  readonly idleTimeoutMs: number;
  readonly absoluteTimeoutMs: number;
}

export interface SessionSubject {
  readonly kind: SessionSubjectKind;
  readonly id: string;
}

export interface Session {
  readonly idHash: string;
  readonly subject: SessionSubject;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly expiresAt: number;
}

export interface ClientMeta {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** A session found over (`idle`, `expired`) is ended by the check itself: its subject is returned for the audit. */
export type SessionCheck =
  | { ok: true; session: Session }
  | { ok: false; reason: 'unknown' | 'ended' }
  | { ok: false; reason: 'idle' | 'expired'; subject: SessionSubject };

/** Sliding the idle window costs a write; once a minute is precise enough. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  clock: Clock,
  subject: SessionSubject,
  policy: SessionPolicy,
  meta: ClientMeta,
): Promise<{ token: string; session: Session }> {
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  const row: SessionTable = {
    id_hash: hashToken(token),
    subject_kind: subject.kind,
    subject_id: subject.id,
    created_at: now,
    last_seen_at: now,
    expires_at: now + policy.absoluteTimeoutMs,
    ended_at: null,
    end_reason: null,
    ip: meta.ip?.slice(0, 64) ?? null,
    user_agent: meta.userAgent?.slice(0, 512) ?? null,
  };
  await db.insertInto('session').values(row).execute();
  return { token, session: fromRow(row) };
}

/** Checks a cookie's token for the expected kind of subject, and slides the idle window. */
export async function validateSession(
  db: Db,
  clock: Clock,
  kind: SessionSubjectKind,
  token: string,
  policy: SessionPolicy,
): Promise<SessionCheck> {
  if (token.length === 0 || token.length > 100) return { ok: false, reason: 'unknown' };
  const row = await db
    .selectFrom('session')
    .selectAll()
    .where('id_hash', '=', hashToken(token))
    .where('subject_kind', '=', kind)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.ended_at !== null) return { ok: false, reason: 'ended' };
  const now = clock.now();
  const subject = { kind: row.subject_kind, id: row.subject_id };
  if (now >= row.expires_at) {
    await end(db, row.id_hash, now, 'expired');
    return { ok: false, reason: 'expired', subject };
  }
  if (now - row.last_seen_at >= policy.idleTimeoutMs) {
    await end(db, row.id_hash, now, 'idle');
    return { ok: false, reason: 'idle', subject };
  }
  if (now - row.last_seen_at >= TOUCH_INTERVAL_MS) {
    await db.updateTable('session').set({ last_seen_at: now }).where('id_hash', '=', row.id_hash).execute();
    return { ok: true, session: fromRow({ ...row, last_seen_at: now }) };
  }
  return { ok: true, session: fromRow(row) };
}

export async function endSession(db: Db, clock: Clock, token: string, reason: string): Promise<boolean> {
  return (await end(db, hashToken(token), clock.now(), reason)) > 0;
}

/** Ends every open session of a subject; returns how many were open. */
export async function endSessionsOf(db: Db, clock: Clock, subject: SessionSubject, reason: string): Promise<number> {
  const result = await db
    .updateTable('session')
    .set({ ended_at: clock.now(), end_reason: reason })
    .where('subject_kind', '=', subject.kind)
    .where('subject_id', '=', subject.id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** When the subject logged in before the given session, if ever (« dernière connexion »). */
export async function previousLoginAt(db: Db, session: Session): Promise<number | undefined> {
  const row = await db
    .selectFrom('session')
    .select('created_at')
    .where('subject_kind', '=', session.subject.kind)
    .where('subject_id', '=', session.subject.id)
    .where('created_at', '<', session.createdAt)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at;
}

async function end(db: Db, idHash: string, now: number, reason: string): Promise<number> {
  const result = await db
    .updateTable('session')
    .set({ ended_at: now, end_reason: reason })
    .where('id_hash', '=', idHash)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

function fromRow(row: SessionTable): Session {
  return {
    idHash: row.id_hash,
    subject: { kind: row.subject_kind, id: row.subject_id },
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}
