/**
 * The client files as a CSV the import reads back: `identifiant;civilite;nom;courriel`, UTF-8 with
 * a byte-order mark so Excel shows the accents, CRLF line ends, fields quoted when they need it.
 * A field that starts with `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet never runs
 * it as a formula (CSV injection).
 */
import type { ClientFile } from './client-repository.js';

export const CSV_HEADER = ['identifiant', 'civilite', 'nom', 'courriel'] as const;
const BOM = '\uFEFF';

export async function* clientsCsv(clients: AsyncIterable<ClientFile>): AsyncGenerator<string> {
  yield `${BOM}${CSV_HEADER.join(';')}\r\n`;
  for await (const c of clients) yield csvLine([c.identifiant, c.civility ?? '', c.name, c.email]);
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(';')}\r\n`;
}

function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
