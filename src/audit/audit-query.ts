/**
 * Reading and purging the audit log: the back office pages through it newest first; the
 * retention (EGEC_AUDIT_RETENTION) bounds how long anything is kept (GDPR minimisation).
 */
import type { Clock } from '../clock.js';
import type { Db } from '../storage/database.js';
import type { AuditType } from './audit-log.js';

export interface AuditFilter {
  readonly identifiant?: string;
  readonly staffId?: string;
  /** From `subjectHash(key, email)`: every try with one email. */
  readonly subjectHash?: string;
  readonly types?: readonly AuditType[];
  /** Inclusive lower bound, epoch ms. */
  readonly fromMs?: number;
  /** Exclusive upper bound, epoch ms. */
  readonly toMs?: number;
  /** Page size, 1 to 500 (default 50). */
  readonly limit?: number;
  /** The previous page's `next`. */
  readonly after?: AuditCursor;
}

/** Where a page stopped: events strictly older than this one come next. */
export interface AuditCursor {
  readonly at: number;
  readonly id: number;
}

export interface AuditRecord {
  readonly id: number;
  readonly at: number;
  readonly type: AuditType;
  readonly identifiant: string | null;
  readonly staffId: string | null;
  readonly subjectHash: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface AuditPage {
  readonly events: readonly AuditRecord[];
  readonly next: AuditCursor | null;
}

export async function queryAudit(db: Db, filter: AuditFilter = {}): Promise<AuditPage> {
  const limit = Math.min(500, Math.max(1, Math.trunc(filter.limit ?? 50)));
  let query = db.selectFrom('audit_event').selectAll();
  if (filter.identifiant !== undefined) query = query.where('identifiant', '=', filter.identifiant);
  if (filter.staffId !== undefined) query = query.where('staff_id', '=', filter.staffId);
  if (filter.subjectHash !== undefined) query = query.where('subject_hash', '=', filter.subjectHash);
  if (filter.types !== undefined) {
    if (filter.types.length === 0) return { events: [], next: null };
    query = query.where('type', 'in', [...filter.types]);
  }
  if (filter.fromMs !== undefined) query = query.where('at', '>=', filter.fromMs);
  if (filter.toMs !== undefined) query = query.where('at', '<', filter.toMs);
  const after = filter.after;
  if (after !== undefined) {
    query = query.where((eb) => eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]));
  }
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const events = rows.slice(0, limit).map(
    (row): AuditRecord => ({
      id: Number(row.id),
      at: Number(row.at),
      type: row.type as AuditType,
      identifiant: row.identifiant,
      staffId: row.staff_id,
      subjectHash: row.subject_hash,
      ip: row.ip,
      userAgent: row.user_agent,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    }),
  );
  const last = events.at(-1);
  return { events, next: rows.length > limit && last !== undefined ? { at: last.at, id: last.id } : null };
}

/** Deletes events older than the retention; returns how many. */
export async function purgeAudit(db: Db, clock: Clock, retentionMs: number): Promise<number> {
  const result = await db.deleteFrom('audit_event').where('at', '<', clock.now() - retentionMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
