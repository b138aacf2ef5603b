/**
 * Everything eGEC knows about one client file, for the Service IT: its lock, its passwords (hashes
 * never leave the database), the mails to its address (status, SMTP reply, error; never content),
 * its sessions, and its audit events. Read-only; bounded to the most recent rows of each kind.
 */
import { queryAudit, type AuditRecord } from '../../audit/audit-query.js';
import { normalizeEmail } from '../../clients/client-fields.js';
import type { ClientFile } from '../../clients/client-repository.js';
import type { Db } from '../../storage/database.js';
import type { MailKind, MailStatus, PasswordRetirement } from '../../storage/schema.js';

const LIMIT = 200;

export interface LockRow {
  readonly failures: number;
  readonly lockedUntil: number | null;
  readonly updatedAt: number;
}

export interface PasswordRecord {
  readonly mailId: number | null;
  readonly issuedAt: number;
  readonly firstUsedAt: number | null;
  readonly retiredAt: number | null;
  readonly retiredReason: PasswordRetirement | null;
}

export interface MailRecord {
  readonly id: number;
  readonly kind: MailKind;
  readonly sequence: number;
  readonly status: MailStatus;
  readonly attempts: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly nextAttemptAt: number;
  readonly sentAt: number | null;
  readonly smtpResponse: string | null;
  readonly lastError: string | null;
}

export interface SessionRecord {
  readonly createdAt: number;
  readonly endedAt: number | null;
  readonly endReason: string | null;
  readonly expiresAt: number;
}

export interface ClientHistory {
  readonly client: ClientFile;
  readonly lock: LockRow | null;
  /** Newest first, as every list here. */
  readonly passwords: readonly PasswordRecord[];
  readonly mails: readonly MailRecord[];
  readonly sessions: readonly SessionRecord[];
  readonly audit: readonly AuditRecord[];
}

export async function loadClientHistory(db: Db, client: ClientFile): Promise<ClientHistory> {
  const id = client.identifiant;
  const [lock, passwords, mails, sessions, audit] = await Promise.all([
    db.selectFrom('login_lock').select(['failures', 'locked_until', 'updated_at']).where('identifiant', '=', id).executeTakeFirst(),
    db
      .selectFrom('password')
      .select(['id', 'mail_id', 'issued_at', 'first_used_at', 'retired_at', 'retired_reason'])
      .where('identifiant', '=', id)
      .orderBy('issued_at', 'desc')
      .orderBy('id', 'desc')
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom('mail')
      .select(['id', 'kind', 'sequence', 'status', 'attempts', 'created_at', 'updated_at', 'next_attempt_at', 'sent_at', 'smtp_response', 'last_error'])
      .where('recipient_normalized', '=', normalizeEmail(client.email))
      .orderBy('sequence', 'desc')
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom('session')
      .select(['created_at', 'ended_at', 'end_reason', 'expires_at'])
      .where('subject_kind', '=', 'client')
      .where('subject_id', '=', id)
      .orderBy('created_at', 'desc')
      .limit(LIMIT)
      .execute(),
    queryAudit(db, { identifiant: id, types: ['activation.requested', 'login.succeeded', 'login.failed', 'staff.action'], limit: LIMIT }),
  ]);
  return {
    client,
    lock: lock === undefined ? null : { failures: lock.failures, lockedUntil: lock.locked_until === null ? null : Number(lock.locked_until), updatedAt: Number(lock.updated_at) },
    passwords: passwords.map((p) => ({
      mailId: p.mail_id === null ? null : Number(p.mail_id),
      issuedAt: Number(p.issued_at),
      firstUsedAt: p.first_used_at === null ? null : Number(p.first_used_at),
      retiredAt: p.retired_at === null ? null : Number(p.retired_at),
      retiredReason: p.retired_reason,
    })),
    mails: mails.map((m) => ({
      id: Number(m.id),
      kind: m.kind,
      sequence: m.sequence,
      status: m.status,
      attempts: m.attempts,
      createdAt: Number(m.created_at),
      updatedAt: Number(m.updated_at),
      nextAttemptAt: Number(m.next_attempt_at),
      sentAt: m.sent_at === null ? null : Number(m.sent_at),
      smtpResponse: m.smtp_response,
      lastError: m.last_error,
    })),
    sessions: sessions.map((s) => ({
      createdAt: Number(s.created_at),
      endedAt: s.ended_at === null ? null : Number(s.ended_at),
      endReason: s.end_reason,
      expiresAt: Number(s.expires_at),
    })),
    audit: audit.events,
  };
}
