/**
 * The memo's result after ENVOYER: its two sentences word for word, then, when the mail is known,
 * where its delivery stands, with a refresh link (a plain GET, no JavaScript).
 */
import { html, type SafeHtml } from '../html.js';
import type { Texts } from '../../texts/index.js';
import { alertBox } from './form-parts.js';
import { formatDateTime } from './format.js';
import { activationPanel } from './activation-page.js';

/** Delivery as the client may see it: no address, no content. */
export type DeliveryProgress =
  | { readonly state: 'pending' | 'retrying' | 'failed' | 'superseded' }
  | { readonly state: 'accepted'; readonly at: number };

export interface SentView {
  readonly texts: Texts;
  readonly timeZone: string;
  readonly progress: DeliveryProgress | undefined;
}

export function sentPage(v: SentView): SafeHtml {
  const m = v.texts.memo;
  const s = v.texts.sent;
  return activationPanel(
    v.texts,
    { title: v.texts.portal.sentPageTitle, path: '/activation/envoye' },
    html`${alertBox('success', [m.mailSent, m.mailDelay])}
${v.progress === undefined ? '' : html`<p class="status">${s.status} ${progressText(v, v.progress)} <a href="/activation/envoye">${s.refresh}</a></p>`}`,
  );
}

function progressText(v: SentView, p: DeliveryProgress): string {
  const s = v.texts.sent;
  return p.state === 'accepted' ? `${s.accepted} ${formatDateTime(v.texts, p.at, v.timeZone)}.` : s[p.state];
}
