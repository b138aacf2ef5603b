/**
 * The outbox, read side: one mail's delivery state (the confirmation page shows when the firm's
 * mail server accepted it) and counts per status for metrics. Never returns content.
 */
import type { Clock } from '../clock.js';
import type { Db } from '../storage/database.js';
import type { MailStatus } from '../storage/schema.js';
import { PENDING_STATUSES } from './outbox.js';

export interface MailDelivery {
  readonly id: number;
  readonly status: MailStatus;
  readonly sequence: number;
  readonly attempts: number;
  readonly createdAt: number;
  readonly nextAttemptAt: number;
  /** When the mail server accepted the mail (status sent). */
  readonly sentAt: number | null;
  readonly smtpResponse: string | null;
  readonly messageId: string | null;
  /** Why the last attempt failed (retrying, failed). */
  readonly lastError: string | null;
}

export async function findMail(db: Db, id: number): Promise<MailDelivery | undefined> {
  const row = await db
    .selectFrom('mail')
    .select(['id', 'status', 'sequence', 'attempts', 'created_at', 'next_attempt_at', 'sent_at', 'smtp_response', 'message_id', 'last_error'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: Number(row.id),
    status: row.status,
    sequence: row.sequence,
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    smtpResponse: row.smtp_response,
    messageId: row.message_id,
    lastError: row.last_error,
  };
}

export type OutboxStats = Record<MailStatus, number> & {
  /** Age of the oldest mail not yet delivered (0 when none): the « 5 min » the memo promises. */
  readonly oldestQueuedAgeMs: number;
};

export async function outboxStats(db: Db, clock: Clock): Promise<OutboxStats> {
  const counts = await db
    .selectFrom('mail')
    .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const oldest = await db
    .selectFrom('mail')
    .select((eb) => eb.fn.min('created_at').as('created'))
    .where('status', 'in', PENDING_STATUSES)
    .executeTakeFirst();
  const byStatus = { queued: 0, sending: 0, retrying: 0, sent: 0, failed: 0, superseded: 0 };
  for (const row of counts) byStatus[row.status] = Number(row.count);
  const created = oldest?.created == null ? null : Number(oldest.created);
  return { ...byStatus, oldestQueuedAgeMs: created === null ? 0 : Math.max(0, clock.now() - created) };
}
