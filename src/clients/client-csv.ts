/**
 * Reads a CSV export of client files into validated rows, without touching the database.
 *
 * Every row is checked with the same parsers as `egec client add`, and every bad row is reported
 * with its line number in the file as a text editor shows it (the header is line 1; a quoted field
 * holding a line break makes its row span several lines, and the row is reported at its first).
 * A problem with the file as a whole (unreadable quoting, missing column) is one message instead.
 */
import { parse, type CsvError } from 'csv-parse/sync';
import type { Civility } from '../storage/schema.js';
import { parseCivility, parseEmail, parseIdentifiant, parseName, type FieldResult } from './client-fields.js';
import { decodeCsvBytes, detectDelimiter, type CsvEncoding, type Delimiter } from './csv-decoding.js';

type Column = 'identifiant' | 'civility' | 'name' | 'email';

/** Header names after `headerKey` (lower case, no accents, letters and digits only). */
const HEADER_ALIASES: Readonly<Record<string, Column>> = {
  identifiant: 'identifiant',
  id: 'identifiant',
  civilite: 'civility',
  civility: 'civility',
  nom: 'name',
  name: 'name',
  courriel: 'email',
  email: 'email',
  mail: 'email',
};

const COLUMN_LABELS: Readonly<Record<Column, string>> = {
  identifiant: 'identifiant',
  civility: 'civilité',
  name: 'nom',
  email: 'courriel',
};

export const ACCEPTED_HEADERS = 'identifiant|id, civilité|civility, nom|name, courriel|email|e-mail|mail';

export interface CsvClientRow {
  /** First line of the row in the file. */
  readonly line: number;
  /** Absent when the file has no identifiant column or leaves it empty: eGEC assigns one. */
  readonly identifiant: string | undefined;
  readonly civility: Civility | null;
  readonly name: string;
  readonly email: string;
}

export interface RejectedRow {
  readonly line: number;
  readonly reason: string;
}

export type ClientCsv =
  | {
      readonly ok: true;
      readonly encoding: CsvEncoding;
      readonly delimiter: Delimiter;
      readonly rows: CsvClientRow[];
      readonly rejected: RejectedRow[];
      /** Header names that match no field (kept in the file, not imported). */
      readonly ignoredColumns: string[];
      /** False when the file has no civility column: updates then keep the stored civility. */
      readonly hasCivility: boolean;
    }
  | { readonly ok: false; readonly reason: string };

interface RawRecord {
  record: string[];
  raw: string;
}

export function readClientCsv(bytes: Uint8Array): ClientCsv {
  const { text, encoding } = decodeCsvBytes(bytes);
  // One kind of line break, so that csv-parse's `raw` covers the file exactly and lines count once.
  const normalized = text.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(normalized);
  const parsed = parseRecords(normalized, delimiter);
  if (!parsed.ok) return parsed;
  const header = parsed.records[0];
  if (header === undefined) return { ok: false, reason: `fichier vide : une ligne d'en-tête est attendue (${ACCEPTED_HEADERS})` };
  const columns = mapHeader(header.record);
  if (!columns.ok) return columns;

  const records = parsed.records.slice(1).filter(({ record }) => record.some((field) => field !== ''));
  const duplicateOf = duplicateFinder(records, columns.positions.identifiant);
  const rows: CsvClientRow[] = [];
  const rejected: RejectedRow[] = [];
  for (const { line, record } of records) {
    const row = readRow(line, record, columns.positions, header.record.length, duplicateOf);
    if ('reason' in row) rejected.push(row);
    else rows.push(row);
  }
  return { ok: true, encoding, delimiter, rows, rejected, ignoredColumns: columns.ignored, hasCivility: columns.positions.civility !== undefined };
}
function parseRecords(text: string, delimiter: Delimiter): { ok: true; records: Array<{ line: number; record: string[] }> } | { ok: false; reason: string } {
  let records: RawRecord[];
  try {
    records = parse(text, { delimiter, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true }) as RawRecord[];
  } catch (error) {
    return { ok: false, reason: describeCsvError(error as CsvError, text) };
  }
  // `raw` holds each record with the blank lines skipped before it: count line breaks as we go.
  let line = 1;
  return {
    ok: true,
    records: records.map(({ record, raw }) => {
      const start = line + countLineBreaks(/^\s*/.exec(raw)?.[0] ?? '');
      line += countLineBreaks(raw);
      return { line: start, record };
    }),
  };
}

function countLineBreaks(text: string): number {
  return text.split('\n').length - 1;
}

function describeCsvError(error: CsvError, text: string): string {
  const line = typeof error.lines === 'number' ? error.lines : countLineBreaks(text) + 1;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return `CSV illisible : un guillemet ouvert n'est jamais refermé (fin du fichier, ligne ${line})`;
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE' || error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') {
    return `CSV illisible ligne ${line} : texte après un guillemet fermant (les guillemets d'un champ entre guillemets se doublent : "")`;
  }
  return `CSV illisible ligne ${line} : ${error.message}`;
}

/** Lower case, accents and everything but letters and digits removed: « E-mail » → « email ». */
function headerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

type Positions = Partial<Record<Column, number>>;

function mapHeader(names: string[]): { ok: true; positions: Positions; ignored: string[] } | { ok: false; reason: string } {
  const positions: Positions = {};
  const ignored: string[] = [];
  for (const [index, name] of names.entries()) {
    const column = HEADER_ALIASES[headerKey(name)];
    if (column === undefined) {
      if (name !== '') ignored.push(name);
      continue;
    }
    const earlier = positions[column];
    if (earlier !== undefined) {
      return { ok: false, reason: `en-tête : deux colonnes pour ${COLUMN_LABELS[column]} (« ${names[earlier]} » et « ${name} »)` };
    }
    positions[column] = index;
  }
  const missing = (['name', 'email'] as const).filter((column) => positions[column] === undefined);
  if (missing.length > 0) {
    const list = missing.map((column) => COLUMN_LABELS[column]).join(' et ');
    return { ok: false, reason: `en-tête (ligne 1) : colonne ${list} introuvable ; en-têtes acceptés : ${ACCEPTED_HEADERS}` };
  }
  return { ok: true, positions, ignored };
}

/**
 * An identifiant twice in one file is ambiguous: every row carrying it is rejected, whatever else
 * is wrong with them, so that --skip-invalid never picks one of the two at random.
 */
function duplicateFinder(records: ReadonlyArray<{ line: number; record: string[] }>, position: number | undefined) {
  const lines = new Map<string, number[]>();
  for (const { line, record } of records) {
    const identifiant = position === undefined ? '' : (record[position] ?? '');
    if (identifiant === '') continue;
    const seen = lines.get(identifiant);
    if (seen) seen.push(line);
    else lines.set(identifiant, [line]);
  }
  return (identifiant: string): string | undefined => {
    const seen = lines.get(identifiant);
    return seen && seen.length > 1 ? `identifiant « ${identifiant} » en double dans le fichier (lignes ${seen.join(', ')})` : undefined;
  };
}

function readRow(
  line: number,
  record: string[],
  positions: Positions,
  width: number,
  duplicateOf: (identifiant: string) => string | undefined,
): CsvClientRow | RejectedRow {
  if (record.length < width || record.slice(width).some((field) => field !== '')) {
    return { line, reason: `${record.length} colonnes au lieu de ${width} (séparateur ou guillemets ?)` };
  }
  const reasons: string[] = [];
  const take = <T>(result: FieldResult<T>): T | undefined => {
    if (result.ok) return result.value;
    reasons.push(result.reason);
    return undefined;
  };
  const cell = (column: Column) => (positions[column] === undefined ? '' : (record[positions[column]] ?? ''));
  const identifiant = cell('identifiant') === '' ? undefined : take(parseIdentifiant(cell('identifiant')));
  const civility = take(parseCivility(cell('civility')));
  const name = take(parseName(cell('name')));
  const email = take(parseEmail(cell('email')));
  const duplicate = duplicateOf(cell('identifiant'));
  if (duplicate !== undefined) reasons.push(duplicate);
  if (reasons.length > 0 || civility === undefined || name === undefined || email === undefined) return { line, reason: reasons.join(' ; ') };
  return { line, identifiant, civility, name, email };
}
