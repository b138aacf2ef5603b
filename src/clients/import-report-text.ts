/**
 * What an import says, in French, for `egec client import` and the back-office's import page
 * alike: the same rules (importClients) give the same messages wherever the file came from.
 * `problem` lines go to stderr in the CLI and are shown as errors on the page.
 */
import type { RejectedRow } from './client-csv.js';
import type { ImportReport } from './client-import.js';

export interface ReportLine {
  readonly text: string;
  readonly problem: boolean;
}

const line = (text: string, problem = false): ReportLine => ({ text, problem });

/** Bad rows with nothing written; `remedy` tells how to go on (a CLI flag, a checkbox). */
export function rejectedRowsLines(rejected: readonly RejectedRow[], valid: number, remedy: string): ReportLine[] {
  return [
    ...rejected.map((row) => line(`ligne ${row.line} : ${row.reason}`, true)),
    line(`${plural(rejected.length, 'ligne rejetée', 'lignes rejetées')} sur ${rejected.length + valid} : rien n'a été importé (${remedy})`, true),
  ];
}

export function importReportLines(report: ImportReport, dryRunNote: string): ReportLine[] {
  const lines: ReportLine[] = [];
  if (report.dryRun) lines.push(line(dryRunNote));
  lines.push(line(`Fichier lu en ${report.encoding}, séparateur « ${report.delimiter} ».`));
  if (report.ignoredColumns.length > 0) lines.push(line(`Colonnes ignorées : ${report.ignoredColumns.join(', ')}.`));
  for (const row of report.rejected) lines.push(line(`ligne ${row.line} ignorée : ${row.reason}`, true));
  if (report.assigned.length > 0 && report.dryRun) {
    lines.push(line(`${plural(report.assigned.length, 'ligne sans identifiant recevra', 'lignes sans identifiant recevront')} un identifiant tiré au hasard.`));
  } else if (report.assigned.length > 0) {
    lines.push(line('Identifiants attribués (ligne du fichier : identifiant) :'));
    for (const { line: n, identifiant } of report.assigned) lines.push(line(`  ligne ${n} : ${identifiant}`));
  }
  lines.push(line(`Créés : ${report.created}, modifiés : ${report.updated}, inchangés : ${report.unchanged}, rejetés : ${report.rejected.length}.`));
  return lines;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count > 1 ? many : one}`;
}
