/**
 * The outbox, worker side: claiming due mails under a lease and recording what happened.
 *
 * A claim sets status `sending`, the worker's id and `lease_until`; the worker renews the lease
 * while it sends. A worker that dies (kill -9, power loss) stops renewing, its lease runs out and
 * any worker claims the mail again. So delivery is at-least-once: a crash after the SMTP server
 * accepted a mail but before `sent` was recorded sends it again; recording `sent` first instead
 * would lose the mail on such a crash, and a lost password mail is worse than a duplicate one.
 *
 * Order per address: a mail is claimable only when no older mail to the same address is still
 * pending, so one address has at most one mail in flight and mails arrive in the order enqueued;
 * the newest credentials mail is therefore also the last one received.
 *
 * Outcomes are written by outbox-outcomes.ts, only while the worker still holds the lease.
 */
import { sql, type UpdateQueryBuilder, type UpdateResult } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db } from '../storage/database.js';
import { claimable } from '../storage/dialect.js';
import type { MailKind, MailStatus, Schema } from '../storage/schema.js';
import { PENDING_STATUSES } from './outbox.js';

export interface ClaimedMail {
  readonly id: number;
  readonly kind: MailKind;
  readonly sealedContent: string | null;
  /** Including this one. */
  readonly attempts: number;
  readonly createdAt: number;
}

export interface Lease {
  readonly owner: string;
  readonly leaseMs: number;
}

/**
 * Claims up to `limit` mails (to distinct addresses) for `lease.owner`: first those whose lease ran
 * out (their worker died), then due ones, oldest due first. Two statements rather than one OR so
 * each walks its own index and stops at the limit: the claim costs the same with 10 or 100 000
 * mails waiting. `orphans: false` skips the first (the worker looks for them only when it polls).
 */
export async function claimDueMails(db: Db, clock: Clock, lease: Lease, limit: number, { orphans = true } = {}): Promise<ClaimedMail[]> {
  const now = clock.now();
  const expired = orphans && limit > 0 ? await claim(db, now, lease, orphaned(db, now).limit(limit)) : [];
  const left = limit - expired.length;
  const due = left > 0 ? await claim(db, now, lease, dueNow(db, now).limit(left)) : [];
  return [...expired, ...due].sort((a, b) => a.id - b.id);
}

/** Only the oldest pending mail of an address may go: mails to one address leave in order. */
function firstInLine(db: Db) {
  return db.selectFrom('mail as m').select('m.id').where(({ not, exists, selectFrom }) =>
    not(
      exists(
        selectFrom('mail as older')
          .select('older.id')
          .whereRef('older.recipient_normalized', '=', 'm.recipient_normalized')
          .whereRef('older.id', '<', 'm.id')
          .where('older.status', 'in', PENDING_STATUSES),
      ),
    ),
  );
}

// Status tests are literals, like the predicates of the partial indexes mail_lease_idx and
// mail_due_idx, so the planners can match them (a bound parameter would not match).
function orphaned(db: Db, now: number) {
  return firstInLine(db).where(sql<boolean>`m.status = 'sending'`).where('m.lease_until', '<=', now).orderBy('m.lease_until');
}

function dueNow(db: Db, now: number) {
  return firstInLine(db)
    .where(sql<boolean>`m.status in ('queued', 'retrying')`)
    .where('m.next_attempt_at', '<=', now)
    .orderBy('m.next_attempt_at')
    .orderBy('m.id');
}

async function claim(db: Db, now: number, lease: Lease, candidates: ReturnType<typeof firstInLine>): Promise<ClaimedMail[]> {
  const rows = await db
    .updateTable('mail')
    .set({
      status: 'sending',
      lease_owner: lease.owner,
      lease_until: now + lease.leaseMs,
      attempts: sql<number>`attempts + 1`,
      updated_at: now,
    })
    .where('id', 'in', claimable(db, candidates))
    .returning(['id', 'kind', 'sealed_content', 'attempts', 'created_at'])
    .execute();
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, sealedContent: r.sealed_content, attempts: r.attempts, createdAt: r.created_at }));
}

/**
 * Keeps the mails this worker holds from being claimed by another; returns the ids renewed, with
 * the new end of their lease. Rows locked by this worker's own outcome commit are skipped rather
 * than waited for (they are about to leave `sending`): waiting would deadlock with that commit on
 * PostgreSQL, which locks the same rows in another order.
 */
export async function renewLeases(db: Db, clock: Clock, lease: Lease, ids: readonly number[]): Promise<{ ids: Set<number>; until: number }> {
  const until = clock.now() + lease.leaseMs;
  if (ids.length === 0) return { ids: new Set(), until };
  const held = db.selectFrom('mail').select('id').where('id', 'in', ids).where('lease_owner', '=', lease.owner).where('status', '=', 'sending');
  const rows = await db.updateTable('mail').set({ lease_until: until }).where('id', 'in', claimable(db, held)).returning('id').execute();
  return { ids: new Set(rows.map((row) => Number(row.id))), until };
}

/**
 * On a clean stop: mails still marked as ours go back to the queue, due now. `unsent`: claimed
 * but never handed to the mail server, so their claim does not count as an attempt.
 */
export async function releaseLeases(db: Db, clock: Clock, owner: string, unsent: readonly number[] = []): Promise<number> {
  const now = clock.now();
  const back = { lease_owner: null, lease_until: null, next_attempt_at: now, updated_at: now };
  const ours = (query: UpdateQueryBuilder<Schema, 'mail', 'mail', UpdateResult>) => query.where('lease_owner', '=', owner).where('status', '=', 'sending');
  const untried =
    unsent.length === 0
      ? undefined
      : await ours(db.updateTable('mail'))
          .set({ ...back, attempts: sql<number>`attempts - 1`, status: sql<MailStatus>`case when attempts = 1 then 'queued' else 'retrying' end` })
          .where('id', 'in', unsent)
          .executeTakeFirst();
  const rest = await ours(db.updateTable('mail')).set({ ...back, status: 'retrying' }).executeTakeFirst();
  return Number(untried?.numUpdatedRows ?? 0) + Number(rest.numUpdatedRows);
}

/** What the worker must know of the passwords a mail carries before sending it. */
export interface CarriedPasswords {
  /** The client files whose passwords the mail carries (for the audit log); none for a notice. */
  readonly identifiants: readonly string[];
  /** True while at least one of those passwords still works. */
  readonly live: boolean;
}

/** The passwords carried by each of `mailIds`, in one query for a whole claimed batch. */
export async function carriedPasswords(db: Db, mailIds: readonly number[]): Promise<Map<number, CarriedPasswords>> {
  const carried = new Map<number, { identifiants: string[]; live: boolean }>(mailIds.map((id) => [id, { identifiants: [], live: false }]));
  if (mailIds.length === 0) return carried;
  const rows = await db.selectFrom('password').select(['mail_id', 'identifiant', 'retired_at']).where('mail_id', 'in', mailIds).execute();
  for (const row of rows) {
    const mail = carried.get(Number(row.mail_id));
    if (mail === undefined) continue;
    mail.identifiants.push(row.identifiant);
    if (row.retired_at === null) mail.live = true;
  }
  return carried;
}
