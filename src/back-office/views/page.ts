/**
 * The back-office page shell: language, the firm's menu (by role), a logout form, one stylesheet,
 * no script. `sendPage` is how every back-office handler answers with HTML.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pickLocale, textsFor, type Texts } from '../../texts/index.js';
import { html, type SafeHtml } from '../../web/html.js';
import type { StaffSession } from '../staff-session.js';
import { hasRole } from '../staff/staff-roles.js';

export type BackOfficeTexts = Texts['backOffice'];

export function textsOf(request: FastifyRequest): Texts {
  return textsFor(pickLocale(undefined, request.headers['accept-language']));
}

function menu(t: BackOfficeTexts, staff: StaffSession, csrf: string): SafeHtml {
  return html`<nav aria-label="${t.nav.label}"><ul>
<li><a href="/admin/clients">${t.nav.clients}</a></li>
<li><a href="/admin/import">${t.it.nav.import}</a></li>
${hasRole(staff.member.role, 'it') ? html`<li><a href="/admin/mail-queue">${t.it.nav.queue}</a></li>` : ''}
${hasRole(staff.member.role, 'admin') ? html`<li><a href="/admin/staff">${t.nav.staff}</a></li><li><a href="/admin/audit">${t.it.nav.audit}</a></li>` : ''}
<li>${t.nav.signedInAs} ${staff.member.email} (${t.staff.roles[staff.member.role]})</li>
<li><form method="post" action="/admin/logout"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">${t.nav.logout}</button></form></li>
</ul></nav>`;
}

export interface PageParts {
  readonly title: string;
  readonly body: SafeHtml;
  readonly status?: number;
}

export function sendPage(request: FastifyRequest, reply: FastifyReply, { title, body, status = 200 }: PageParts): FastifyReply {
  const texts = textsOf(request);
  const t = texts.backOffice;
  const nav = request.staff ? menu(t, request.staff, reply.generateCsrf()) : '';
  const page = html`<!doctype html>
<html lang="${texts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} — ${t.title}</title>
<link rel="stylesheet" href="/assets/back-office.css">
</head>
<body>
<header><p class="brand">${t.title}</p>${nav}</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
  return reply.code(status).type('text/html; charset=utf-8').send(page.value);
}

/** A status message for screen readers and eyes alike. */
export function notice(text: string | undefined, kind: 'info' | 'error' = 'info'): SafeHtml | '' {
  if (!text) return '';
  return kind === 'error' ? html`<p class="error" role="alert">${text}</p>` : html`<p class="notice" role="status">${text}</p>`;
}
