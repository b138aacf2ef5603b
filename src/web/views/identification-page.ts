/**
 * The memo's « Identification » panel: identifiant, password, « Connexion », and the two links
 * that lead to « Activation du compte ».
 */
import { html, type SafeHtml } from '../html.js';
import { fill } from '../../texts/fill.js';
import type { Texts } from '../../texts/index.js';
import { alertBox, csrfInput, field } from './form-parts.js';
import { layout } from './layout.js';

export interface IdentificationView {
  readonly texts: Texts;
  readonly csrfToken: string;
  /** What was typed, shown again after a failure (never the password). */
  readonly identifiant?: string;
  readonly notRecognized?: boolean;
  /** The identifiant is locked: the explicit message (SECURITY.md), never whether the password was right. */
  readonly locked?: boolean;
  /** Too many attempts from this address: how long to wait (already formatted) and whom to call. */
  readonly limited?: { readonly wait: string; readonly supportContact: string };
  readonly errors?: { readonly identifiant?: string; readonly password?: string; readonly form?: string };
}

/** « non reconnu(s) » may be about either value: both fields point at it. */
const REFUSED_ID = 'login-error';

export function identificationPage(v: IdentificationView): SafeHtml {
  const m = v.texts.memo;
  const s = v.texts.security;
  const refused = v.notRecognized || v.locked ? [REFUSED_ID] : [];
  const alerts = [
    v.notRecognized ? alertBox('error', [html`<strong>${m.notRecognized}</strong>`], REFUSED_ID) : '',
    v.locked ? alertBox('error', [html`<strong>${s.accountLocked}</strong>`, s.accountLockedHelp], REFUSED_ID) : '',
    v.limited === undefined
      ? ''
      : alertBox('error', [html`<strong>${fill(s.loginLimited, { wait: v.limited.wait })}</strong>`, fill(s.loginLimitedHelp, { contact: v.limited.supportContact })]),
    v.errors?.form === undefined ? '' : alertBox('error', [v.errors.form]),
  ];
  return layout({
    texts: v.texts,
    title: v.texts.portal.identificationPageTitle,
    body: html`<section class="panel" aria-labelledby="identification-title">
<h1 id="identification-title">${m.identificationTitle}</h1>
${alerts}
<form method="post" action="/login" novalidate>
${csrfInput(v.csrfToken)}
${field({ id: 'identifiant', label: m.identifiantLabel, autocomplete: 'username', inputmode: 'numeric', value: v.identifiant, error: v.errors?.identifiant, describedBy: refused })}
${field({ id: 'password', label: m.passwordLabel, type: 'password', autocomplete: 'current-password', error: v.errors?.password, describedBy: refused, revealLabel: v.texts.fields.showPassword })}
<button type="submit">${m.loginButton}</button>
</form>
<ul class="links">
<li><a href="/activation">${m.credentialsLink}</a></li>
<li><a href="/activation">${m.forgottenLink}</a></li>
</ul>
</section>`,
  });
}
