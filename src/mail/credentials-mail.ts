/**
 * The memo's mail (point 4): identifiant and new password, for every client file registered under
 * the address, with the memo's NOTES word for word. Subject and body carry « Courriel n°N du
 * JJ/MM/AAAA à HH:MM » in the firm's time zone, so a client holding several mails sees which is the
 * last one — the only one that counts.
 *
 * Text and HTML parts are each complete on their own. In HTML every value is escaped (`html`),
 * there are no remote images, and identifiant and password are in a monospace font, spaced out.
 * Nothing from a client file goes into a header: To is the registered address, the subject is
 * made of the number and the date only.
 */
import type { Civility } from '../storage/schema.js';
import { fill } from '../texts/fill.js';
import type { Texts } from '../texts/index.js';
import { html, type SafeHtml } from '../web/html.js';
import type { MailMessage } from './mail-message.js';

export interface CredentialsAccount {
  readonly identifiant: string;
  readonly civility: Civility | null;
  readonly name: string;
  readonly password: string;
}

export interface CredentialsMailInput {
  readonly to: string;
  /** One or more client files sharing the address; never empty. */
  readonly accounts: readonly CredentialsAccount[];
  /** This mail's number for the address: 1 for the first ever sent to it. */
  readonly sequence: number;
  /** When the mail was asked for, epoch ms. */
  readonly issuedAt: number;
  readonly timeZone: string;
  readonly publicUrl: URL;
  readonly texts: Texts;
}


/** Control characters would let a name forge lines of the text part. */
const oneLine = (value: string): string => value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();

/** « 26/11/2026 » and « 10:32 » in the given time zone. */
export function localDateTime(epochMs: number, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('day')}/${part('month')}/${part('year')}`, time: `${part('hour')}:${part('minute')}` };
}

/** The address as a client types it: no trailing slash on a bare host. */
function displayUrl(url: URL): string {
  return url.pathname === '/' && url.search === '' && url.hash === '' ? url.origin : url.href;
}

function fullName(account: CredentialsAccount, texts: Texts): string {
  const civility = account.civility === 'M.' ? texts.mail.civilityMr : account.civility === 'Mme' ? texts.mail.civilityMrs : '';
  return oneLine(`${civility} ${account.name}`);
}

/** Named when every file has the same holder (« M. Dupont, bonjour, »), plain otherwise. */
function greeting(accounts: readonly CredentialsAccount[], texts: Texts): string {
  const first = accounts[0];
  const sameHolder = first !== undefined && accounts.every((a) => a.civility === first.civility && a.name === first.name);
  if (!sameHolder || first.civility === null) return texts.mail.greeting;
  return fill(texts.mail.greetingNamed, {
    civility: first.civility === 'M.' ? texts.mail.civilityMr : texts.mail.civilityMrs,
    name: oneLine(first.name),
  });
}

/** `**bold**` segments of a catalogue text: odd segments are emphasised. */
const segments = (text: string): string[] => text.split('**');
const plain = (text: string): string => segments(text).join('');
const emphasised = (text: string): SafeHtml =>
  html`${segments(text).map((segment, i) => (i % 2 === 1 ? html`<strong>${segment}</strong>` : segment))}`;

export function renderCredentialsMail(input: CredentialsMailInput): MailMessage {
  const { texts, accounts } = input;
  const m = texts.mail;
  const when = localDateTime(input.issuedAt, input.timeZone);
  const numbering = { number: String(input.sequence), ...when };
  const sequence = fill(m.sequence, numbering);
  const url = displayUrl(input.publicUrl);
  const hello = greeting(accounts, texts);
  const several = accounts.length > 1;

  const textAccounts = accounts.map((a) =>
    [
      ...(several ? [fill(m.account, { name: fullName(a, texts) })] : []),
      `${m.identifiantIs} ${a.identifiant}`,
      '',
      `${m.passwordIs} ${a.password}`,
    ].join('\n'),
  );
  const text = [
    sequence,
    '',
    hello,
    '',
    fill(m.intro, { url }),
    '',
    textAccounts.join('\n\n'),
    '',
    m.notesTitle,
    '',
    ...m.notes.map((note) => `- ${plain(note)}`),
    '',
    m.thanks,
    '',
    m.footer,
    '',
  ].join('\n');

  const [introBefore = '', introAfter = ''] = m.intro.split('{url}');
  const value = (v: string) =>
    html`<strong style="font-family:Consolas,'Courier New',monospace;font-size:18px;letter-spacing:3px;background:#f2f2f2;padding:2px 6px;user-select:all">${v}</strong>`;
  const htmlAccounts = accounts.map(
    (a) => html`${several ? html`<p style="margin:20px 0 4px"><strong>${fill(m.account, { name: fullName(a, texts) })}</strong></p>` : ''}
<p>${m.identifiantIs} ${value(a.identifiant)}</p>
<p>${m.passwordIs} ${value(a.password)}</p>`,
  );
  const body = html`<!doctype html>
<html lang="${texts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${sequence}</title>
</head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<p style="color:#555555">${sequence}</p>
<p>${hello}</p>
<p>${introBefore}<a href="${input.publicUrl.href}">${url}</a>${introAfter}</p>
${htmlAccounts}
<p><strong>${m.notesTitle}</strong></p>
<ul>
${m.notes.map((note) => html`<li>${emphasised(note)}</li>\n`)}</ul>
<p>${m.thanks}</p>
<p style="color:#555555">${m.footer}</p>
</body>
</html>
`;

  return { to: input.to, subject: fill(m.subject, numbering), text, html: body.value };
}
