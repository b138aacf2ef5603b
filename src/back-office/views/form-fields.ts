/**
 * Accessible form fields: every input has its label, its hint and its error linked through
 * `aria-describedby`, and `aria-invalid` when refused. Forms always carry the CSRF token.
 */
import { html, type SafeHtml } from '../../web/html.js';

export interface FieldOptions {
  readonly name: string;
  readonly label: string;
  readonly value?: string;
  readonly type?: 'text' | 'email' | 'password' | 'search';
  readonly hint?: string;
  readonly error?: string;
  readonly autocomplete?: string;
  readonly required?: boolean;
  readonly inputmode?: 'numeric';
  readonly maxlength?: number;
}

export function field(o: FieldOptions): SafeHtml {
  const id = `f-${o.name}`;
  const described = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
<label for="${id}">${o.label}</label>
${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
${o.error ? html`<p class="error" id="${id}-error">${o.error}</p>` : ''}
<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${attr('autocomplete', o.autocomplete)}${attr('inputmode', o.inputmode)}${attr('maxlength', o.maxlength === undefined ? undefined : String(o.maxlength))}${o.required ? html` required` : ''}${described ? html` aria-describedby="${described}"` : ''}${o.error ? html` aria-invalid="true"` : ''}>
</div>`;
}

export interface SelectOptions {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly options: ReadonlyArray<readonly [value: string, label: string]>;
  readonly error?: string;
}

export function select(o: SelectOptions): SafeHtml {
  const id = `f-${o.name}`;
  return html`<div class="field">
<label for="${id}">${o.label}</label>
${o.error ? html`<p class="error" id="${id}-error">${o.error}</p>` : ''}
<select id="${id}" name="${o.name}"${o.error ? html` aria-describedby="${id}-error" aria-invalid="true"` : ''}>
${o.options.map(([value, label]) => html`<option value="${value}"${value === o.value ? html` selected` : ''}>${label}</option>`)}
</select>
</div>`;
}

export function csrfInput(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** A one-button form (disable, enable…): POST with the CSRF token. */
export function actionButton(action: string, label: string, csrf: string, extra: Record<string, string> = {}): SafeHtml {
  return html`<form method="post" action="${action}" class="inline">${csrfInput(csrf)}${Object.entries(extra).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}<button type="submit">${label}</button></form>`;
}

function attr(name: string, value: string | undefined): SafeHtml | '' {
  return value === undefined ? '' : html` ${name}="${value}"`;
}
