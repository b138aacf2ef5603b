/**
 * The built-in mailbox (no SMTP server configured, for trying eGEC): the list of mails, newest
 * first, and one mail's text part as the client would read it.
 */
import { html, type SafeHtml } from '../html.js';
import type { MailboxMessage, MailboxSummary } from '../../mail/transports/mailbox-transport.js';
import type { Texts } from '../../texts/index.js';
import { alertBox } from './form-parts.js';
import { formatDateTime } from './format.js';
import { layout } from './layout.js';

export const MAILBOX_PATH = '/boite-aux-lettres';

export function mailboxListPage(texts: Texts, timeZone: string, mails: readonly MailboxSummary[]): SafeHtml {
  const t = texts.mailbox;
  const rows = mails.map(
    (m) => html`<tr><td>${formatDateTime(texts, m.date, timeZone)}</td><td>${m.to}</td><td><a href="${MAILBOX_PATH}/${m.id}">${m.subject}</a></td></tr>`,
  );
  return layout({
    texts,
    title: t.title,
    path: MAILBOX_PATH,
    body: html`<section class="panel panel-wide" aria-labelledby="mailbox-title">
<h1 id="mailbox-title">${t.heading}</h1>
${alertBox('error', [t.warning])}
<p class="links"><a href="${MAILBOX_PATH}">${t.refresh}</a></p>
${
  mails.length === 0
    ? html`<p>${t.empty}</p>`
    : html`<div class="table-scroll"><table><thead><tr><th scope="col">${t.date}</th><th scope="col">${t.to}</th><th scope="col">${t.subject}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
}
</section>`,
  });
}

export function mailboxMessagePage(texts: Texts, timeZone: string, mail: MailboxMessage): SafeHtml {
  const t = texts.mailbox;
  return layout({
    texts,
    title: t.title,
    path: `${MAILBOX_PATH}/${mail.id}`,
    body: html`<section class="panel panel-wide" aria-labelledby="mail-subject">
<p class="links"><a href="${MAILBOX_PATH}">${t.back}</a></p>
<h1 id="mail-subject">${mail.subject}</h1>
<dl class="facts">
<dt>${t.to}</dt><dd>${mail.to}</dd>
<dt>${t.date}</dt><dd>${formatDateTime(texts, mail.date, timeZone)}</dd>
</dl>
<pre class="mail-text">${mail.text}</pre>
</section>`,
  });
}
