/** One catalogue per language; French first, and the fallback for anything else. */
import { en } from './en.js';
import { fr, type Texts } from './fr.js';

export type { Texts };
export type Locale = 'fr' | 'en';
export const locales: readonly Locale[] = ['fr', 'en'];

const catalogues: Record<Locale, Texts> = { fr, en };

export function textsFor(locale: Locale): Texts {
  return catalogues[locale];
}

/**
 * The page's language: an explicit choice (`?lang=` or the `lang` cookie) wins, then the browser's
 * Accept-Language, then French.
 */
export function pickLocale(explicit: string | undefined, acceptLanguage: string | undefined): Locale {
  if (explicit === 'fr' || explicit === 'en') return explicit;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { base } of ranked) if (base === 'fr' || base === 'en') return base;
  return 'fr';
}
