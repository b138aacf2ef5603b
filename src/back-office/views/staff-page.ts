/** Staff accounts (administrators only): the list with a disable button, and the add form. */
import { html, type SafeHtml } from '../../web/html.js';
import type { StaffMember } from '../staff/staff-repository.js';
import { STAFF_ROLES } from '../staff/staff-roles.js';
import { actionButton, csrfInput, field, select } from './form-fields.js';
import { notice, type BackOfficeTexts } from './page.js';

export interface StaffView {
  readonly members: readonly StaffMember[];
  readonly selfId: number;
  readonly csrf: string;
  readonly info?: string;
  readonly setupLink?: string;
  readonly email?: string;
  readonly role?: string;
  readonly emailError?: string;
}

export function staffBody(t: BackOfficeTexts, v: StaffView): SafeHtml {
  const s = t.staff;
  const rows = v.members.map(
    (m) => html`<tr><td>${m.email}</td><td>${s.roles[m.role]}</td><td>${s.statuses[m.status]}</td><td>${m.totpEnrolled ? s.yes : s.no}</td>
<td>${m.status !== 'disabled' && m.id !== v.selfId ? actionButton(`/admin/staff/${m.id}/disable`, `${s.disable} ${m.email}`, v.csrf) : ''}</td></tr>`,
  );
  return html`${notice(v.info)}
${v.setupLink ? html`<div role="status"><p>${s.added}</p><p><code class="uri">${v.setupLink}</code></p></div>` : ''}
<table>
<thead><tr><th scope="col">${s.columns.email}</th><th scope="col">${s.columns.role}</th><th scope="col">${s.columns.status}</th><th scope="col">${s.columns.totp}</th><th scope="col">${s.columns.actions}</th></tr></thead>
<tbody>${rows}</tbody>
</table>
<h2>${s.addTitle}</h2>
<form method="post" action="/admin/staff" novalidate>
${csrfInput(v.csrf)}
${field({ name: 'email', label: s.email, type: 'email', value: v.email, error: v.emailError, required: true, maxlength: 254, autocomplete: 'off' })}
${select({ name: 'role', label: s.role, value: v.role ?? 'agent', options: STAFF_ROLES.map((r) => [r, s.roles[r]] as const) })}
<button type="submit">${s.add}</button>
</form>`;
}
