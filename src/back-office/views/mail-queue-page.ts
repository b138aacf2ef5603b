/** The mail queue page: what is waiting, retrying or failed, and the buttons to push it along. */
import type { MailKind, MailStatus } from '../../storage/schema.js';
import { fill } from '../../texts/fill.js';
import { html, type SafeHtml } from '../../web/html.js';
import { actionButton } from './form-fields.js';
import { notice, type BackOfficeTexts } from './page.js';
import { fullDate } from './staff-dates.js';

export interface QueuedMail {
  readonly id: number;
  readonly recipient: string;
  readonly kind: MailKind;
  readonly sequence: number;
  readonly status: MailStatus;
  readonly attempts: number;
  readonly last_error: string | null;
  readonly next_attempt_at: number;
}

export interface MailQueueView {
  readonly mails: readonly QueuedMail[];
  readonly oldestAgeMs: number;
  readonly timeZone: string;
  readonly csrf: string;
  readonly info?: string;
}

export function mailQueueBody(t: BackOfficeTexts, v: MailQueueView): SafeHtml {
  const q = t.it.queue;
  const c = q.columns;
  const action = (m: QueuedMail) => {
    if (m.status === 'queued' || m.status === 'retrying') return actionButton(`/admin/mail-queue/${m.id}/retry`, q.retryNow, v.csrf);
    if (m.status === 'failed' && m.kind === 'credentials') return actionButton(`/admin/mail-queue/${m.id}/retry`, q.resend, v.csrf);
    return '';
  };
  const waiting = v.mails.some((m) => m.status !== 'failed');
  return html`${notice(v.info)}
<p>${q.intro}</p>
<p>${waiting ? fill(q.oldest, { age: fill(q.minutes, { count: Math.floor(v.oldestAgeMs / 60_000) }) }) : q.none}</p>
${v.mails.length === 0
    ? ''
    : html`<table><thead><tr><th scope="col">${c.recipient}</th><th scope="col">${c.kind}</th><th scope="col">${c.sequence}</th><th scope="col">${c.status}</th><th scope="col">${c.attempts}</th><th scope="col">${c.error}</th><th scope="col">${c.next}</th><th scope="col">${c.actions}</th></tr></thead>
<tbody>${v.mails.map(
        (m) => html`<tr><td>${m.recipient}</td><td>${q.kinds[m.kind]}</td><td>${m.sequence}</td><td>${t.it.mailStatuses[m.status]}</td><td>${m.attempts}</td><td>${m.last_error ?? ''}</td><td>${m.status === 'failed' ? '' : fullDate(m.next_attempt_at, v.timeZone)}</td><td>${action(m)}</td></tr>`,
      )}</tbody></table>`}`;
}
