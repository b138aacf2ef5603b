/** The client files list: one search box (identifiant, name prefix or exact email) and keyset pages. */
import type { ClientPage } from '../../clients/client-search.js';
import { html, type SafeHtml } from '../../web/html.js';
import { field } from './form-fields.js';
import type { BackOfficeTexts } from './page.js';

export function clientListBody(t: BackOfficeTexts, query: string, page: ClientPage, after: string): SafeHtml {
  const c = t.clients;
  const nextHref = page.next === undefined ? undefined : `/admin/clients?${new URLSearchParams({ q: query, after: page.next })}`;
  const firstHref = `/admin/clients?${new URLSearchParams({ q: query })}`;
  const rows = page.clients.map(
    (f) => html`<tr><td>${f.identifiant}</td><td>${f.civility ?? ''}</td><td>${f.name}</td><td>${f.email}</td>
<td>${f.status === 'active' ? c.active : c.disabled}</td><td><a href="/admin/clients/${f.identifiant}">${c.edit}<span class="visually-hidden"> ${f.identifiant}</span></a></td></tr>`,
  );
  return html`<form method="get" action="/admin/clients" role="search">
${field({ name: 'q', label: c.searchLabel, type: 'search', value: query, hint: c.searchHint, maxlength: 320 })}
<button type="submit">${c.search}</button>
</form>
<p class="actions"><a href="/admin/clients/new">${c.add}</a> <a href="/admin/clients/export.csv" download>${c.export}</a></p>
${page.clients.length === 0
    ? html`<p role="status">${c.none}</p>`
    : html`<table>
<thead><tr><th scope="col">${c.columns.identifiant}</th><th scope="col">${c.columns.civility}</th><th scope="col">${c.columns.name}</th><th scope="col">${c.columns.email}</th><th scope="col">${c.columns.status}</th><th scope="col">${c.columns.actions}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`}
<nav class="pages" aria-label="Pages">${after !== '' ? html`<a href="${firstHref}">${c.first}</a>` : ''} ${nextHref ? html`<a href="${nextHref}" rel="next">${c.next}</a>` : ''}</nav>`;
}
