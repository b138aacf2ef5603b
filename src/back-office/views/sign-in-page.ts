/** The staff sign-in form at /admin: email, password, and the TOTP code when enrolled. */
import { html, type SafeHtml } from '../../web/html.js';
import { csrfInput, field } from './form-fields.js';
import { notice, type BackOfficeTexts } from './page.js';

export interface SignInView {
  readonly csrf: string;
  readonly email?: string;
  readonly error?: string;
  readonly info?: string;
}

export function signInBody(t: BackOfficeTexts, v: SignInView): SafeHtml {
  return html`${notice(v.info)}${notice(v.error, 'error')}
<form method="post" action="/admin/login" novalidate>
${csrfInput(v.csrf)}
${field({ name: 'email', label: t.signIn.email, type: 'email', value: v.email, autocomplete: 'username', required: true, maxlength: 320 })}
${field({ name: 'password', label: t.signIn.password, type: 'password', autocomplete: 'current-password', required: true, maxlength: 128 })}
${field({ name: 'code', label: t.signIn.code, hint: t.signIn.codeHint, autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 8 })}
<button type="submit">${t.signIn.submit}</button>
</form>`;
}
