/** The audit log page: a GET filter form (works without JavaScript) and one table, newest first. */
import type { AuditPage } from '../../audit/audit-query.js';
import { fill } from '../../texts/fill.js';
import { html, type SafeHtml } from '../../web/html.js';
import { cursorText, type AuditForm } from '../it/audit-filter.js';
import { field } from './form-fields.js';
import { notice, type BackOfficeTexts } from './page.js';
import { fullDate } from './staff-dates.js';

export interface AuditView {
  readonly form: AuditForm;
  readonly invalid?: keyof AuditForm;
  readonly page: AuditPage;
  readonly timeZone: string;
}

export function auditBody(t: BackOfficeTexts, v: AuditView): SafeHtml {
  const a = t.it.audit;
  const c = a.columns;
  const labels: Record<keyof AuditForm, string> = { staff: a.staffId, identifiant: a.identifiant, from: a.from, to: a.to };
  const error = (name: keyof AuditForm) => (v.invalid === name ? fill(a.invalid, { field: labels[name] }) : undefined);
  const next = v.page.next === null ? undefined : `/admin/audit?${new URLSearchParams({ ...v.form, after: cursorText(v.page.next) })}`;
  return html`${notice(v.invalid === undefined ? undefined : fill(a.invalid, { field: labels[v.invalid] }), 'error')}
<form method="get" action="/admin/audit">
${field({ name: 'staff', label: a.staffId, value: v.form.staff, error: error('staff'), inputmode: 'numeric', maxlength: 12 })}
${field({ name: 'identifiant', label: a.identifiant, value: v.form.identifiant, error: error('identifiant'), inputmode: 'numeric', maxlength: 10 })}
${field({ name: 'from', label: a.from, value: v.form.from, error: error('from'), maxlength: 10 })}
${field({ name: 'to', label: a.to, value: v.form.to, error: error('to'), maxlength: 10 })}
<button type="submit">${a.filter}</button>
</form>
${v.page.events.length === 0
    ? html`<p role="status">${a.none}</p>`
    : html`<table><thead><tr><th scope="col">${c.at}</th><th scope="col">${c.type}</th><th scope="col">${c.staff}</th><th scope="col">${c.identifiant}</th><th scope="col">${c.ip}</th><th scope="col">${c.detail}</th></tr></thead>
<tbody>${v.page.events.map(
        (e) => html`<tr><td>${fullDate(e.at, v.timeZone)}</td><td>${e.type}</td><td>${e.staffId ?? ''}</td><td>${e.identifiant ?? ''}</td><td>${e.ip ?? ''}</td><td><code>${JSON.stringify(e.detail)}</code></td></tr>`,
      )}</tbody></table>`}
${next ? html`<nav class="pages" aria-label="Pages"><a href="${next}" rel="next">${a.next}</a></nav>` : ''}`;
}
