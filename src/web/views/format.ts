/** Dates as clients read them: in the firm's time zone, in the page's language. */
import type { Texts } from '../../texts/index.js';

export function formatDateTime(texts: Texts, ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat(texts.lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(ms);
}
