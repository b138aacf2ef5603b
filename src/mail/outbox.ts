/**
 * The outbox, write side: a mail is enqueued inside the transaction of the change it announces,
 * so a password change is never committed without its mail, and a rolled-back change leaves no
 * mail. Content (which holds clear passwords) is stored only sealed; the delivery worker opens it,
 * sends it, and wipes it. The caller's transaction also orders mails per address: activation locks
 * the client rows of the address first, so `nextSequence` cannot hand out one number twice (the
 * unique index on (recipient_normalized, sequence) is the last guard).
 */
import type { Transaction } from 'kysely';
import { normalizeEmail } from '../clients/client-fields.js';
import type { Clock } from '../clock.js';
import type { Schema, MailKind } from '../storage/schema.js';
import type { ContentSealer } from './content-sealer.js';
import type { MailMessage } from './mail-message.js';

export type Tx = Transaction<Schema>;

/** Mails still to be delivered; the others (sent, failed, superseded) are final. */
export const PENDING_STATUSES = ['queued', 'sending', 'retrying'] as const;

/** 1 for an address's first mail, then 2, 3…: the number the mail shows. */
export async function nextSequence(tx: Tx, recipientNormalized: string): Promise<number> {
  const row = await tx
    .selectFrom('mail')
    .select((eb) => eb.fn.max('sequence').as('last'))
    .where('recipient_normalized', '=', recipientNormalized)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export interface MailToEnqueue {
  readonly kind: MailKind;
  /** As registered; the recipient of `message.to`. */
  readonly recipient: string;
  readonly sequence: number;
  readonly message: MailMessage;
}

/** Queues a mail, due now. The worker's per-address order sends it after older ones. */
export async function enqueueMail(
  tx: Tx,
  { clock, sealer }: { clock: Clock; sealer: ContentSealer },
  mail: MailToEnqueue,
): Promise<{ id: number }> {
  const now = clock.now();
  const row = await tx
    .insertInto('mail')
    .values({
      kind: mail.kind,
      recipient: mail.recipient,
      // The same normalization as client files, so a mail's address matches `client.email_normalized`.
      recipient_normalized: normalizeEmail(mail.recipient),
      sequence: mail.sequence,
      sealed_content: sealer.seal(JSON.stringify(mail.message)),
      status: 'queued',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id) };
}

/**
 * A newer credentials mail makes the waiting ones pointless (only the last mail counts): they are
 * marked superseded and their content wiped; their ids are returned for the audit log. A mail
 * already being sent is left to the worker, which checks its passwords are still live before
 * sending and keeps the per-address order.
 */
export async function supersedeQueued(tx: Tx, clock: Clock, recipientNormalized: string): Promise<number[]> {
  const rows = await tx
    .updateTable('mail')
    .set({ status: 'superseded', sealed_content: null, updated_at: clock.now() })
    .where('recipient_normalized', '=', recipientNormalized)
    .where('kind', '=', 'credentials')
    .where('status', 'in', ['queued', 'retrying'])
    .returning('id')
    .execute();
  return rows.map((row) => Number(row.id));
}

/** Reads back what `enqueueMail` sealed; null if the content is gone or cannot be opened. */
export function openContent(sealer: ContentSealer, sealed: string | null): MailMessage | null {
  if (sealed === null) return null;
  const plain = sealer.open(sealed);
  if (plain === null) return null;
  try {
    return JSON.parse(plain) as MailMessage;
  } catch {
    return null;
  }
}
