/**
 * The client space: who is logged in, the registered address partly masked (shoulder-surfing),
 * the previous login so a client can notice a login that was not theirs, and logout.
 */
import { html, type SafeHtml } from '../html.js';
import type { ClientFile } from '../../clients/client-repository.js';
import type { Texts } from '../../texts/index.js';
import { csrfInput } from './form-parts.js';
import { formatDateTime } from './format.js';
import { layout } from './layout.js';

export interface ClientSpaceView {
  readonly texts: Texts;
  readonly csrfToken: string;
  readonly client: ClientFile;
  readonly previousLoginAt: number | undefined;
  readonly timeZone: string;
}

export function clientSpacePage(v: ClientSpaceView): SafeHtml {
  const t = v.texts.space;
  const civility = v.client.civility === null ? '' : `${t.civility[v.client.civility]} `;
  const previous = v.previousLoginAt === undefined ? t.firstLogin : formatDateTime(v.texts, v.previousLoginAt, v.timeZone);
  return layout({
    texts: v.texts,
    title: v.texts.portal.spacePageTitle,
    path: '/espace',
    body: html`<section class="panel" aria-labelledby="hello">
<h1 id="hello">${t.hello} ${civility}${v.client.name}</h1>
<dl class="facts">
<dt>${t.identifiant}</dt><dd class="identifiant">${v.client.identifiant}</dd>
<dt>${t.email}</dt><dd>${maskEmail(v.client.email)}</dd>
<dt>${t.previousLogin}</dt><dd>${previous}</dd>
</dl>
<form method="post" action="/logout">
${csrfInput(v.csrfToken)}
<button type="submit" class="secondary">${t.logout}</button>
</form>
</section>`,
  });
}

/** `jean.dupont@example.fr` → `j•••••••@example.fr`: a fixed run of dots, so the length stays hidden too. */
export function maskEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return '•••••••';
  return `${trimmed.slice(0, 1)}•••••••${trimmed.slice(at)}`;
}
