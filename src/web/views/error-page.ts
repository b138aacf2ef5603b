/** A short French (or English) page for errors, with a way back: never a stack trace. */
import { html, type SafeHtml } from '../html.js';
import type { Texts } from '../../texts/index.js';
import { alertBox } from './form-parts.js';
import { layout } from './layout.js';

export function errorPage(texts: Texts, message: string): SafeHtml {
  return layout({
    texts,
    title: texts.portal.errorPageTitle,
    body: html`<section class="panel">
${alertBox('error', [message])}
<p class="links"><a href="/">${texts.portal.backToIdentification}</a></p>
</section>`,
  });
}
