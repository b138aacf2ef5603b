/**
 * `egec client import`: a CSV export of the firm's client files, applied by identifiant.
 *
 * All or nothing by default: every row is validated first, and a single bad row means nothing is
 * written (the staff fix the file and run it again). With `skipInvalid` the good rows are imported
 * and the bad ones reported. Rows land in one transaction (`upsertClients`), so an interrupted
 * import leaves the files as they were. Rows without an identifiant get a random unused one, as
 * with `egec client add`; the report lists them so the firm can copy them into its records.
 */
import type { Clock } from '../clock.js';
import type { Db } from '../storage/database.js';
import { readClientCsv, type CsvClientRow, type RejectedRow } from './client-csv.js';
import { existingIdentifiants, upsertClients, type UpsertSummary } from './client-repository.js';
import type { CsvEncoding, Delimiter } from './csv-decoding.js';
import { randomIdentifiant } from './identifiant.js';

export interface ImportOptions {
  /** Validate and count, write nothing. */
  readonly dryRun?: boolean;
  /** Import the good rows even when some are bad. */
  readonly skipInvalid?: boolean;
  /** Rows written so far, out of `total`. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly pickIdentifiant?: () => string;
}

export interface AssignedIdentifiant {
  readonly line: number;
  readonly identifiant: string;
}

export interface ImportReport extends UpsertSummary {
  readonly rejected: RejectedRow[];
  readonly assigned: AssignedIdentifiant[];
  readonly encoding: CsvEncoding;
  readonly delimiter: Delimiter;
  readonly ignoredColumns: string[];
  readonly dryRun: boolean;
}

export type ImportOutcome =
  | { readonly ok: true; readonly report: ImportReport }
  /** The file as a whole cannot be read (encoding, quoting, header): one message. */
  | { readonly ok: false; readonly reason: 'unreadable'; readonly message: string }
  /** Some rows are bad and `skipInvalid` is off: nothing was written. */
  | { readonly ok: false; readonly reason: 'invalid-rows'; readonly rejected: RejectedRow[]; readonly valid: number };

export async function importClients(db: Db, clock: Clock, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportOutcome> {
  const { dryRun = false, skipInvalid = false, onProgress = () => {}, pickIdentifiant = randomIdentifiant } = options;
  const csv = readClientCsv(bytes);
  if (!csv.ok) return { ok: false, reason: 'unreadable', message: csv.reason };
  if (csv.rejected.length > 0 && !skipInvalid) return { ok: false, reason: 'invalid-rows', rejected: csv.rejected, valid: csv.rows.length };

  const assigned = await assignIdentifiants(db, csv.rows, pickIdentifiant);
  const rows = csv.rows.map((row) => ({ ...row, identifiant: row.identifiant ?? assigned.get(row.line)! }));
  const summary = await upsertClients(db, clock, rows, (done) => onProgress(done, rows.length), { dryRun, keepCivility: !csv.hasCivility });
  return {
    ok: true,
    report: {
      ...summary,
      rejected: csv.rejected,
      assigned: [...assigned].map(([line, identifiant]) => ({ line, identifiant })),
      encoding: csv.encoding,
      delimiter: csv.delimiter,
      ignoredColumns: csv.ignoredColumns,
      dryRun,
    },
  };
}

/**
 * A random identifiant for each row without one, never one the file or the database already uses
 * (an upsert on a taken identifiant would overwrite someone else's file).
 */
async function assignIdentifiants(db: Db, rows: readonly CsvClientRow[], pick: () => string): Promise<Map<number, string>> {
  const taken = new Set(rows.flatMap((row) => (row.identifiant === undefined ? [] : [row.identifiant])));
  const assigned = new Map<number, string>();
  let waiting = rows.filter((row) => row.identifiant === undefined).map((row) => row.line);
  for (let round = 0; waiting.length > 0; round++) {
    // Only a broken random source gets here: 9 billion identifiants against at most millions used.
    if (round === 20) throw new Error("impossible de tirer des identifiants libres : générateur aléatoire défaillant ?");
    const drawn = new Map<number, string>();
    const retry: number[] = [];
    for (const line of waiting) {
      const candidate = pick();
      if (taken.has(candidate)) retry.push(line);
      else drawn.set(line, candidate);
      taken.add(candidate);
    }
    const existing = await existingIdentifiants(db, [...drawn.values()]);
    for (const [line, identifiant] of drawn) {
      if (existing.has(identifiant)) retry.push(line);
      else assigned.set(line, identifiant);
    }
    waiting = retry;
  }
  return new Map([...assigned].sort(([a], [b]) => a - b));
}
