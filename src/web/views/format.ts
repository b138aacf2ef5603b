/** Dates and waiting times as clients read them: in the firm's time zone, in the page's language. */
import { fill } from '../../texts/fill.js';
import type { Texts } from '../../texts/index.js';

export function formatDateTime(texts: Texts, ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat(texts.lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(ms);
}

/** How long to wait before trying again, rounded up: « 40 s », « 12 min », « 1 h 05 min ». */
export function formatWait(texts: Texts, ms: number): string {
  const a = texts.activation;
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return fill(a.waitSeconds, { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  if (minutes <= 60) return fill(a.waitMinutes, { count: minutes });
  return fill(a.waitHours, { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}
