/**
 * Create and edit forms of a client file. On edit the identifiant is shown, never an input: it
 * never changes. The status buttons and, for the Service IT, « fermer les sessions » sit below.
 */
import type { ClientFile } from '../../clients/client-repository.js';
import { html, type SafeHtml } from '../../web/html.js';
import { actionButton, csrfInput, field, select } from './form-fields.js';
import { notice, type BackOfficeTexts } from './page.js';

export interface ClientFormValues {
  readonly identifiant: string;
  readonly civility: string;
  readonly name: string;
  readonly email: string;
}

export type ClientFormErrors = Partial<Record<keyof ClientFormValues, string>>;

function fields(t: BackOfficeTexts, v: ClientFormValues, e: ClientFormErrors): SafeHtml {
  const f = t.clientForm;
  const civilities = [['', f.civilityNone], ['M.', 'M.'], ['Mme', 'Mme']] as const;
  return html`${select({ name: 'civility', label: f.civility, value: v.civility, options: civilities, error: e.civility })}
${field({ name: 'name', label: f.name, value: v.name, error: e.name, required: true, maxlength: 200, autocomplete: 'off' })}
${field({ name: 'email', label: f.email, type: 'email', value: v.email, hint: f.emailHint, error: e.email, required: true, maxlength: 254, autocomplete: 'off' })}`;
}

export function newClientBody(t: BackOfficeTexts, csrf: string, v: ClientFormValues, e: ClientFormErrors = {}): SafeHtml {
  const f = t.clientForm;
  return html`<form method="post" action="/admin/clients" novalidate>
${csrfInput(csrf)}
${field({ name: 'identifiant', label: f.identifiant, value: v.identifiant, hint: f.identifiantHint, error: e.identifiant, inputmode: 'numeric', maxlength: 10, autocomplete: 'off' })}
${fields(t, v, e)}
<button type="submit">${f.save}</button>
</form>
<p><a href="/admin/clients">${f.back}</a></p>`;
}

export interface EditView {
  readonly client: ClientFile;
  readonly values: ClientFormValues;
  readonly errors?: ClientFormErrors;
  readonly info?: string;
  /** The Service IT (and admins) may end the client's sessions and see the diagnosis. */
  readonly canEndSessions: boolean;
}

export function editClientBody(t: BackOfficeTexts, csrf: string, v: EditView): SafeHtml {
  const f = t.clientForm;
  const base = `/admin/clients/${v.client.identifiant}`;
  const active = v.client.status === 'active';
  return html`${notice(v.info)}
<p>${f.identifiant} : <strong>${v.client.identifiant}</strong></p>
<form method="post" action="${base}" novalidate>
${csrfInput(csrf)}
${fields(t, v.values, v.errors ?? {})}
<button type="submit">${f.save}</button>
</form>
<p>${f.status} ${active ? t.clients.active : t.clients.disabled}</p>
<p class="actions">${actionButton(`${base}/status`, active ? f.disable : f.enable, csrf, { status: active ? 'disabled' : 'active' })}
${v.canEndSessions ? actionButton(`${base}/end-sessions`, f.endSessions, csrf) : ''}</p>
${v.canEndSessions ? html`<p><a href="${base}/diagnostic">${t.it.diagnostic.link}</a></p>` : ''}
<p><a href="/admin/clients">${f.back}</a></p>`;
}
