/**
 * The setup link's page: choose a password, then enrol the TOTP second factor. The secret is shown
 * as base32 and as its otpauth:// address, in text: nothing is sent to an outside QR service.
 */
import { html, type SafeHtml } from '../../web/html.js';
import type { SetupFailure } from '../staff/staff-setup.js';
import type { SetupView } from '../staff/staff-setup.js';
import { formatSecret, otpauthUri } from '../staff/totp.js';
import { csrfInput, field } from './form-fields.js';
import type { BackOfficeTexts } from './page.js';

const PASSWORD_ERRORS = new Set<SetupFailure>(['too-short', 'too-long', 'common', 'mismatch']);

export function setupBody(t: BackOfficeTexts, view: SetupView, action: string, csrf: string, failure?: SetupFailure): SafeHtml {
  const errors = t.setup.errors as Record<string, string>;
  const passwordError = failure && PASSWORD_ERRORS.has(failure) && failure !== 'mismatch' ? errors[failure] : undefined;
  const confirmationError = failure === 'mismatch' ? errors[failure] : undefined;
  const codeError = failure === 'code-required' || failure === 'code-invalid' ? errors[failure] : undefined;
  return html`<p>${t.setup.intro} <strong>${view.member.email}</strong> (${t.staff.roles[view.member.role]})</p>
<form method="post" action="${action}" novalidate>
${csrfInput(csrf)}
<input type="text" name="username" value="${view.member.email}" autocomplete="username" hidden>
${field({ name: 'password', label: t.setup.password, type: 'password', hint: t.setup.passwordHint, error: passwordError, autocomplete: 'new-password', required: true, maxlength: 128 })}
${field({ name: 'confirmation', label: t.setup.confirmation, type: 'password', error: confirmationError, autocomplete: 'new-password', required: true, maxlength: 128 })}
<fieldset>
<legend>${t.setup.totpTitle}</legend>
<p>${view.totpRequired ? t.setup.totpRequired : t.setup.totpOptional}</p>
<p>${t.setup.totpSteps}</p>
<p>${t.setup.secret} <code class="secret">${formatSecret(view.secret)}</code></p>
<p>${t.setup.uri} <code class="uri">${otpauthUri(view.secret, view.member.email)}</code></p>
${field({ name: 'code', label: t.setup.code, error: codeError, autocomplete: 'one-time-code', inputmode: 'numeric', required: view.totpRequired, maxlength: 8 })}
</fieldset>
<button type="submit">${t.setup.submit}</button>
</form>`;
}
