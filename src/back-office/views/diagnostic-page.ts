/**
 * The Service IT's client page: the diagnosis in plain French on top, the actions (unlock, new
 * password, end sessions), then one timeline of everything that happened to the file, newest first.
 */
import type { AuditRecord } from '../../audit/audit-query.js';
import { fill } from '../../texts/fill.js';
import { html, type SafeHtml } from '../../web/html.js';
import type { Finding, SinceFinding } from '../it/client-diagnosis.js';
import type { ClientHistory } from '../it/client-history.js';
import { actionButton } from './form-fields.js';
import { notice, type BackOfficeTexts } from './page.js';
import { fullDate, shortDate } from './staff-dates.js';

interface Entry {
  readonly at: number;
  readonly event: string;
  readonly detail: string;
}

export interface DiagnosticView {
  readonly history: ClientHistory;
  readonly findings: readonly Finding[];
  readonly timeZone: string;
  readonly csrf: string;
  readonly info?: string;
}

export function diagnosticBody(t: BackOfficeTexts, v: DiagnosticView): SafeHtml {
  const it = t.it.diagnostic;
  const base = `/admin/clients/${v.history.client.identifiant}`;
  const entries = timeline(t, v.history, v.timeZone).sort((a, b) => b.at - a.at);
  return html`${notice(v.info)}
<p>${t.clientForm.identifiant} : <strong>${v.history.client.identifiant}</strong> — ${v.history.client.name} — ${v.history.client.email}</p>
<section aria-labelledby="diagnosis"><h2 id="diagnosis">${it.summary}</h2>
<ul class="diagnosis">${v.findings.map((f) => html`<li>${sentence(t, f, v.timeZone)}</li>`)}</ul></section>
<section aria-labelledby="actions"><h2 id="actions">${it.actions}</h2>
<p class="actions">${actionButton(`${base}/unlock`, it.unlock, v.csrf)} ${actionButton(`${base}/new-password`, it.resend, v.csrf)} ${actionButton(`${base}/end-sessions`, t.clientForm.endSessions, v.csrf)}</p></section>
<section aria-labelledby="timeline"><h2 id="timeline">${it.timeline}</h2>
${entries.length === 0
    ? html`<p>${it.empty}</p>`
    : html`<table><thead><tr><th scope="col">${it.columns.at}</th><th scope="col">${it.columns.event}</th><th scope="col">${it.columns.detail}</th></tr></thead>
<tbody>${entries.map((e) => html`<tr><td>${fullDate(e.at, v.timeZone)}</td><td>${e.event}</td><td>${e.detail}</td></tr>`)}</tbody></table>`}</section>
<p><a href="${base}">${it.back}</a></p>`;
}

export function sentence(t: BackOfficeTexts, f: Finding, tz: string): string {
  const d = t.it.diagnosis;
  const date = (ms: number) => shortDate(t, ms, tz);
  switch (f.kind) {
    case 'disabled':
      return `${d.disabled}.`;
    case 'locked':
      return `${f.untilMs === null ? d.lockedForever : fill(d.lockedUntil, { date: date(f.untilMs) })}.`;
    case 'never-activated':
      return `${d.neverActivated}.`;
    case 'fine':
      return `${d.fine}.`;
    case 'mail':
      return `${[mailSentence(t, f, tz), ...f.since.map((s) => sinceSentence(t, s, tz))].filter((s) => s !== '').join(' ; ')}.`;
  }
}

function mailSentence(t: BackOfficeTexts, f: Extract<Finding, { kind: 'mail' }>, tz: string): string {
  const d = t.it.diagnosis;
  const m = f.mail;
  if (m === undefined) return '';
  const date = (ms: number) => shortDate(t, ms, tz);
  switch (m.status) {
    case 'sent':
      return fill(d.sent, { date: date(m.sentAt ?? m.updatedAt) });
    case 'queued':
    case 'sending':
      return fill(d.waiting, { date: date(m.createdAt) });
    case 'retrying':
      return fill(d.retrying, { attempts: m.attempts, s: plural(m.attempts), error: m.lastError ?? '', date: date(m.nextAttemptAt) });
    case 'failed':
      return fill(d.failed, { date: date(m.updatedAt), error: m.lastError ?? '' });
    case 'superseded':
      return '';
  }
}

function sinceSentence(t: BackOfficeTexts, s: SinceFinding, tz: string): string {
  const d = t.it.diagnosis;
  switch (s.kind) {
    case 'superseded-password':
      return fill(d.superseded, { count: s.count, s: plural(s.count) });
    case 'wrong-password':
      return fill(d.wrong, { count: s.count, s: plural(s.count) });
    case 'last-login':
      return fill(d.lastLogin, { date: shortDate(t, s.at, tz) });
    case 'not-logged-in':
      return d.neverLoggedIn;
  }
}

function timeline(t: BackOfficeTexts, h: ClientHistory, tz: string): Entry[] {
  const e = t.it.events;
  const x = t.it.details;
  const reason = (r: string | null) => (r === null ? '' : fill(x.reason, { text: (t.it.reasons as Record<string, string>)[r] ?? r }));
  const sequenceOf = new Map(h.mails.map((m) => [m.id, m.sequence]));
  const entries: Entry[] = [];
  for (const m of h.mails) {
    const parts = [t.it.mailStatuses[m.status], t.it.queue.kinds[m.kind], fill(x.attempts, { count: m.attempts, s: plural(m.attempts) })];
    if (m.smtpResponse) parts.push(fill(x.smtp, { text: m.smtpResponse }));
    if (m.lastError && m.status !== 'sent') parts.push(fill(x.error, { text: m.lastError }));
    if (m.status === 'retrying' || m.status === 'queued') parts.push(fill(x.next, { date: shortDate(t, m.nextAttemptAt, tz) }));
    entries.push({ at: m.sentAt ?? m.updatedAt, event: fill(e.mail, { sequence: m.sequence }), detail: parts.join(' — ') });
  }
  for (const p of h.passwords) {
    const sequence = p.mailId === null ? undefined : sequenceOf.get(p.mailId);
    entries.push({ at: p.issuedAt, event: e.passwordIssued, detail: sequence === undefined ? '' : fill(x.mail, { sequence }) });
    if (p.firstUsedAt !== null) entries.push({ at: p.firstUsedAt, event: e.passwordFirstUsed, detail: '' });
    if (p.retiredAt !== null) entries.push({ at: p.retiredAt, event: e.passwordRetired, detail: reason(p.retiredReason) });
  }
  for (const s of h.sessions) {
    entries.push({ at: s.createdAt, event: e.sessionStart, detail: '' });
    if (s.endedAt !== null) entries.push({ at: s.endedAt, event: e.sessionEnd, detail: s.endReason ?? '' });
  }
  if (h.lock !== null) {
    const until = h.lock.lockedUntil === null ? x.lockedForever : fill(x.lockedUntil, { date: shortDate(t, h.lock.lockedUntil, tz) });
    entries.push({ at: h.lock.updatedAt, event: e.lock, detail: `${fill(x.failures, { count: h.lock.failures, s: plural(h.lock.failures) })} — ${until}` });
  }
  for (const a of h.audit) entries.push(auditEntry(t, a, reason));
  return entries;
}

function auditEntry(t: BackOfficeTexts, a: AuditRecord, reason: (r: string | null) => string): Entry {
  const e = t.it.events;
  const text = (key: string) => (typeof a.detail[key] === 'string' ? (a.detail[key] as string) : null);
  switch (a.type) {
    case 'activation.requested':
      return { at: a.at, event: e.activation, detail: text('outcome') ?? '' };
    case 'login.succeeded':
      return { at: a.at, event: e.loginOk, detail: a.ip ?? '' };
    case 'login.failed':
      return { at: a.at, event: e.loginFailed, detail: [reason(text('reason')), a.ip ?? ''].filter(Boolean).join(' — ') };
    default:
      return { at: a.at, event: e.staff, detail: [text('action') ?? a.type, fill(t.it.details.by, { id: a.staffId ?? '?' })].join(' — ') };
  }
}

/** The « s » of « 3 essais » (French and English agree on it here). */
function plural(count: number): string {
  return count > 1 ? 's' : '';
}
