/**
 * The page shell shared by every view: language, viewport for phones, one stylesheet, no inline
 * code (one deferred script, public/egec.js, that only enhances), and the visible language switch
 * (a plain link, remembered in a cookie by `locale.ts`).
 */
import { BRAND_CSS_PATH } from '../brand.js';
import { html, type SafeHtml } from '../html.js';
import type { Texts } from '../../texts/index.js';

export interface PageOptions {
  readonly texts: Texts;
  readonly title: string;
  readonly body: SafeHtml;
  /** Where the language switch leads (a GET page); the identification page by default. */
  readonly path?: string;
}

export function layout({ texts, title, body, path = '/' }: PageOptions): SafeHtml {
  const other = texts.portal.otherLanguageCode;
  return html`<!doctype html>
<html lang="${texts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ${texts.portal.siteName}</title>
<link rel="stylesheet" href="/assets/egec.css">
<link rel="stylesheet" href="${BRAND_CSS_PATH}">
<script src="/assets/egec.js" defer></script>
</head>
<body>
<header class="top">
<a class="brand" href="/">${texts.portal.siteLogo ? html`<img src="${texts.portal.siteLogo}" alt="${texts.portal.siteName}" height="40">` : texts.portal.siteName}</a>
<a class="lang" href="${path}?lang=${other}" hreflang="${other}" lang="${other}">${texts.portal.otherLanguage}</a>
</header>
<main>
${body}
</main>
</body>
</html>`;
}
