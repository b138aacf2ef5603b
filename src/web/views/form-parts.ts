/**
 * Pieces every form shares: a labelled field whose hint and error are tied to it for screen
 * readers (aria-describedby, aria-invalid), the CSRF token, and the alert box.
 *
 * After a submit the answer is a new page, so focus is placed by `autofocus` (no script needed):
 * on the alert box when there is one, else on the first invalid field, which reads its error.
 * The browser honours the first `autofocus` in the document, and alerts come before the fields.
 */
import { html, type SafeHtml } from '../html.js';

export interface FieldOptions {
  readonly id: string;
  readonly label: string;
  readonly type?: 'text' | 'password' | 'email';
  readonly value?: string;
  readonly autocomplete: string;
  readonly inputmode?: 'numeric' | 'email';
  readonly hint?: string;
  readonly error?: string;
  /** Ids of messages elsewhere on the page about this field (e.g. the memo's error). */
  readonly describedBy?: readonly string[];
  /** For a password: the label of the show/hide button public/egec.js adds (JavaScript only). */
  readonly revealLabel?: string;
}

export function field(o: FieldOptions): SafeHtml {
  const hintId = o.hint === undefined ? undefined : `${o.id}-hint`;
  const errorId = o.error === undefined ? undefined : `${o.id}-error`;
  const describedBy = [hintId, errorId, ...(o.describedBy ?? [])].filter((x) => x !== undefined).join(' ');
  return html`<div class="field${o.error === undefined ? '' : ' field-invalid'}">
<label for="${o.id}">${o.label}</label>
${hintId === undefined ? '' : html`<p class="hint" id="${hintId}">${o.hint}</p>`}
${errorId === undefined ? '' : html`<p class="field-error" id="${errorId}">${o.error}</p>`}
<input id="${o.id}" name="${o.id}" type="${o.type ?? 'text'}" autocomplete="${o.autocomplete}" value="${o.value ?? ''}"${[
    o.inputmode === undefined ? '' : html` inputmode="${o.inputmode}"`,
    describedBy === '' ? '' : html` aria-describedby="${describedBy}"`,
    o.error === undefined ? '' : html` aria-invalid="true" autofocus`,
    o.revealLabel === undefined ? '' : html` data-reveal-label="${o.revealLabel}"`,
  ]} autocapitalize="off" spellcheck="false" required>
</div>`;
}

export function csrfInput(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** `id` lets a field point at the message (aria-describedby); the box takes focus on arrival. */
export function alertBox(kind: 'error' | 'success', lines: readonly (string | SafeHtml)[], id?: string): SafeHtml {
  return html`<div class="alert alert-${kind}" role="alert"${id === undefined ? '' : html` id="${id}"`} tabindex="-1" autofocus>${lines.map((line) => html`<p>${line}</p>`)}</div>`;
}
