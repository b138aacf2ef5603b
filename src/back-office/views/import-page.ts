/** The import page: the pasted CSV, the « lignes valides seulement » box, the report, check / confirm. */
import { ACCEPTED_HEADERS } from '../../clients/client-csv.js';
import type { ReportLine } from '../../clients/import-report-text.js';
import { fill } from '../../texts/fill.js';
import { html, type SafeHtml } from '../../web/html.js';
import { csrfInput } from './form-fields.js';
import { notice, type BackOfficeTexts } from './page.js';

export interface ImportView {
  readonly csrf: string;
  readonly csv: string;
  readonly skipInvalid: boolean;
  readonly lines?: readonly ReportLine[];
  readonly info?: string;
  /** A dry run succeeded: the confirm button is offered. */
  readonly checked?: boolean;
}

export function importBody(t: BackOfficeTexts, v: ImportView): SafeHtml {
  const i = t.it.import;
  const lines = v.lines ?? [];
  return html`${notice(v.info)}
${lines.length === 0
    ? ''
    : html`<section aria-labelledby="report"><h2 id="report">${i.report}</h2>
<ul>${lines.map((l) => (l.problem ? html`<li class="error">${l.text}</li>` : html`<li>${l.text}</li>`))}</ul></section>`}
<form method="post" action="/admin/import">
${csrfInput(v.csrf)}
<div class="field">
<label for="f-csv">${i.csv}</label>
<p class="hint" id="f-csv-hint">${fill(i.csvHint, { headers: ACCEPTED_HEADERS })}</p>
<textarea id="f-csv" name="csv" rows="12" cols="80" aria-describedby="f-csv-hint" spellcheck="false">${v.csv}</textarea>
</div>
<div class="field"><input type="checkbox" id="f-skip" name="skipInvalid"${v.skipInvalid ? html` checked` : ''}> <label for="f-skip" class="inline">${i.skipInvalid}</label></div>
<button type="submit" name="step" value="check">${i.check}</button>
${v.checked ? html`<button type="submit" name="step" value="confirm">${i.confirm}</button>` : ''}
</form>`;
}
