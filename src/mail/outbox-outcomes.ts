/**
 * The outbox, worker side: recording what happened to claimed mails. An outcome is written only
 * while the worker still holds the mail's lease (`lease_owner` and status `sending`), so a worker
 * that lost its lease (see outbox-claims.ts) cannot overwrite the newer owner's result. Final
 * outcomes (sent, failed, superseded) wipe the sealed content.
 *
 * A batch costs one UPDATE per status it contains, whatever its size: the per-mail values (the
 * server's reply, the error, the next attempt) are picked by id with a CASE.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db } from '../storage/database.js';
import type { Schema } from '../storage/schema.js';

export type MailOutcome =
  | { readonly status: 'sent'; readonly messageId: string; readonly response: string }
  | { readonly status: 'retrying'; readonly error: string; readonly nextAttemptAt: number }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'superseded' };

export interface RecordedOutcome {
  readonly id: number;
  readonly outcome: MailOutcome;
}

/** The mail server's reason, for the outcomes that have one. */
export function outcomeError(outcome: MailOutcome): string | undefined {
  return 'error' in outcome ? outcome.error : undefined;
}

/** Records the outcomes of mails `owner` still holds; returns the ids written. */
export async function recordOutcomes(db: Db, clock: Clock, owner: string, outcomes: readonly RecordedOutcome[]): Promise<Set<number>> {
  const now = clock.now();
  const written = new Set<number>();
  for (const status of ['sent', 'retrying', 'failed', 'superseded'] as const) {
    const group = outcomes.filter((item) => item.outcome.status === status);
    if (group.length === 0) continue;
    const rows = await db
      .updateTable('mail')
      .set((eb) => ({ ...changes(eb, status, group), status, lease_owner: null, lease_until: null, updated_at: now }))
      .where('id', 'in', group.map((item) => item.id))
      .where('lease_owner', '=', owner)
      .where('status', '=', 'sending')
      .returning('id')
      .execute();
    for (const row of rows) written.add(Number(row.id));
  }
  return written;

  function changes(eb: ExpressionBuilder<Schema, 'mail'>, status: MailOutcome['status'], group: readonly RecordedOutcome[]) {
    const byId = <T extends string | number>(value: (outcome: MailOutcome) => T, type: 'text' | 'bigint') => {
      const [first, ...rest] = group as [RecordedOutcome, ...RecordedOutcome[]];
      let cases = eb.case('id').when(first.id).then(typed(value(first.outcome), type));
      for (const item of rest) cases = cases.when(item.id).then(typed(value(item.outcome), type));
      // Never taken (the WHERE keeps only the group's ids); it keeps the column's type non-null.
      return cases.else(typed(value(first.outcome), type)).end();
    };
    const error = () => byId((o) => clip(outcomeError(o) ?? ''), 'text');
    switch (status) {
      case 'sent':
        return {
          sealed_content: null,
          sent_at: now,
          last_error: null,
          smtp_response: byId((o) => clip(o.status === 'sent' ? o.response : ''), 'text'),
          message_id: byId((o) => clip(o.status === 'sent' ? o.messageId : '', 255), 'text'),
        };
      case 'retrying':
        return { last_error: error(), next_attempt_at: byId((o) => (o.status === 'retrying' ? o.nextAttemptAt : now), 'bigint') };
      case 'failed':
        return { sealed_content: null, last_error: error() };
      case 'superseded':
        return { sealed_content: null };
    }
  }
}

/** A bound value with its SQL type spelled out: PostgreSQL cannot infer it inside a CASE. */
function typed<T extends string | number>(value: T, type: 'text' | 'bigint') {
  return type === 'text' ? sql<T>`cast(${value} as text)` : sql<T>`cast(${value} as bigint)`;
}

/** Mail servers' replies are foreign text: control characters (PostgreSQL refuses NUL) become spaces. */
function clip(raw: string, max = 1_000): string {
  const text = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
