/** Dates on Service IT pages, short (« 26/11 à 10:32 ») and in the firm's time zone. */
import { fill } from '../../texts/fill.js';
import type { BackOfficeTexts } from './page.js';

export function shortDate(t: BackOfficeTexts, ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return fill(t.it.at, { day: part('day'), month: part('month'), time: `${part('hour')}:${part('minute')}` });
}

/** With the year, for tables that span months (« 2026-11-26 10:32 »). */
export function fullDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(ms);
}
