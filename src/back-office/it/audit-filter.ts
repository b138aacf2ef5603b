/**
 * The audit page's filter, from its query string: staff member number, client identifiant, and a
 * range of days in the firm's time zone (« jusqu'au » included). Bad values are reported by field,
 * never thrown: the page shows « Filtre invalide ».
 */
import type { AuditCursor, AuditFilter } from '../../audit/audit-query.js';
import { isIdentifiant } from '../../clients/identifiant.js';
import { queryText } from '../form-body.js';

export interface AuditForm {
  readonly staff: string;
  readonly identifiant: string;
  readonly from: string;
  readonly to: string;
}

export type ParsedAuditFilter = { ok: true; form: AuditForm; filter: AuditFilter } | { ok: false; form: AuditForm; field: keyof AuditForm };

const DAY_MS = 86_400_000;

export function parseAuditFilter(query: unknown, timeZone: string, limit: number): ParsedAuditFilter {
  const form = { staff: queryText(query, 'staff', 20).trim(), identifiant: queryText(query, 'identifiant', 20).trim(), from: queryText(query, 'from', 10), to: queryText(query, 'to', 10) };
  if (form.staff !== '' && !/^\d{1,12}$/.test(form.staff)) return { ok: false, form, field: 'staff' };
  if (form.identifiant !== '' && !isIdentifiant(form.identifiant)) return { ok: false, form, field: 'identifiant' };
  const fromMs = form.from === '' ? undefined : startOfDay(form.from, timeZone);
  if (fromMs === null) return { ok: false, form, field: 'from' };
  const toDay = form.to === '' ? undefined : startOfDay(form.to, timeZone);
  if (toDay === null) return { ok: false, form, field: 'to' };
  const after = cursorOf(queryText(query, 'after', 40));
  return {
    ok: true,
    form,
    filter: {
      ...(form.staff === '' ? {} : { staffId: form.staff }),
      ...(form.identifiant === '' ? {} : { identifiant: form.identifiant }),
      ...(fromMs === undefined ? {} : { fromMs }),
      ...(toDay === undefined ? {} : { toMs: toDay + DAY_MS }),
      ...(after === undefined ? {} : { after }),
      limit,
    },
  };
}

export function cursorText(cursor: AuditCursor): string {
  return `${cursor.at}-${cursor.id}`;
}

function cursorOf(text: string): AuditCursor | undefined {
  const match = /^(\d{1,15})-(\d{1,15})$/.exec(text);
  return match ? { at: Number(match[1]), id: Number(match[2]) } : undefined;
}

/** Midnight of a YYYY-MM-DD day in the time zone, epoch ms; null for anything else. */
function startOfDay(day: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(utc).toISOString().slice(0, 10) !== day) return null;
  // Shift by the zone's offset at that time; once more in case the offset changes in between (DST).
  const first = utc - offsetMs(utc, timeZone);
  return utc - offsetMs(first, timeZone);
}

function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(at / 1000) * 1000;
}
