/**
 * The memo's « Activation du compte » panel: « Courriel », « ENVOYER », and, when the address is in
 * no client file, the memo's error with how to reach the Service IT; when a rate limit refused the
 * request, when to try again, then the memo's Service IT line.
 */
import { html, type SafeHtml } from '../html.js';
import { fill } from '../../texts/fill.js';
import type { Texts } from '../../texts/index.js';
import { alertBox, csrfInput, field } from './form-parts.js';
import { layout } from './layout.js';

export interface ActivationView {
  readonly texts: Texts;
  readonly csrfToken: string;
  readonly email?: string;
  readonly emailError?: string;
  readonly formError?: string;
  /** The memo's « non reconnu(s) » message, followed by the support contact. */
  readonly unknown?: { readonly supportContact: string };
  /** Refused by a rate limit: « Réessayez dans … » (already formatted), then the support contact. */
  readonly limited?: { readonly wait: string; readonly supportContact: string };
}

/** The memo's error is about the address typed: the Courriel field points at it. */
const UNKNOWN_ID = 'activation-error';

export function activationPage(v: ActivationView): SafeHtml {
  const m = v.texts.memo;
  const alerts = [
    v.unknown === undefined
      ? ''
      : alertBox('error', [html`<strong>${m.notRecognized}</strong>`, m.retryCarefully, html`${m.contactIt} ${v.unknown.supportContact}`], UNKNOWN_ID),
    v.limited === undefined
      ? ''
      : alertBox('error', [v.texts.activation.limited, fill(v.texts.activation.retryIn, { wait: v.limited.wait }), html`${m.contactIt} ${v.limited.supportContact}`]),
    v.formError === undefined ? '' : alertBox('error', [v.formError]),
  ];
  return activationPanel(
    v.texts,
    { title: v.texts.portal.activationPageTitle, path: '/activation' },
    html`${alerts}
<form method="post" action="/activation" novalidate>
${csrfInput(v.csrfToken)}
${field({ id: 'email', label: m.emailLabel, type: 'email', autocomplete: 'email', inputmode: 'email', value: v.email, hint: m.emailHint, error: v.emailError, describedBy: v.unknown === undefined ? [] : [UNKNOWN_ID] })}
<button type="submit">${m.sendButton}</button>
</form>`,
  );
}

/** The « Activation du compte » pavé around its content (the form, or the confirmation). */
export function activationPanel(texts: Texts, page: { title: string; path: string }, content: SafeHtml): SafeHtml {
  return layout({
    texts,
    title: page.title,
    path: page.path,
    body: html`<section class="panel" aria-labelledby="activation-title">
<h1 id="activation-title">${texts.memo.activationTitle}</h1>
${content}
<p class="links"><a href="/">${texts.portal.backToIdentification}</a></p>
</section>`,
  });
}
