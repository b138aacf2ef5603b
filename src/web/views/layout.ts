/** The page shell shared by every view: language, viewport for phones, one stylesheet, no inline code. */
import { html, type SafeHtml } from '../html.js';
import type { Texts } from '../../texts/index.js';

export interface PageOptions {
  readonly texts: Texts;
  readonly title: string;
  readonly body: SafeHtml;
}

export function layout({ texts, title, body }: PageOptions): SafeHtml {
  return html`<!doctype html>
<html lang="${texts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/assets/egec.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}
