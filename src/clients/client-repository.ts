/**
 * The client file (dossier client): who the client is and which address activation mails go to.
 *
 * Rules kept here: the identifiant is ten digits, unique, and never rewritten (no function below
 * can change it, and a database trigger refuses it too); several files may share one email; the
 * email is stored as entered and matched trimmed and case-insensitively.
 */
import type { Clock } from '../clock.js';
import type { Db } from '../storage/database.js';
import { isUniqueViolation } from '../storage/dialect.js';
import type { Civility, ClientStatus, ClientTable } from '../storage/schema.js';
import { normalizeEmail } from './client-fields.js';
import { nameKey } from './name-key.js';
import { randomIdentifiant } from './identifiant.js';

export interface ClientFile {
  readonly identifiant: string;
  readonly civility: Civility | null;
  readonly name: string;
  readonly email: string;
  readonly status: ClientStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Already validated fields (see client-fields.ts). */
export interface ClientFields {
  readonly civility: Civility | null;
  readonly name: string;
  readonly email: string;
}

export type CreateClientResult =
  | { ok: true; client: ClientFile }
  | { ok: false; reason: 'identifiant-taken' };

const RANDOM_ATTEMPTS = 20;
/** Rows per statement: 8 values each stays far below both databases' bound-parameter limits. */
const UPSERT_CHUNK = 500;

/** Creates a file under the firm's identifiant, or under a random unused one when none is given. */
export async function createClient(
  db: Db,
  clock: Clock,
  fields: ClientFields,
  identifiant?: string,
  pickIdentifiant: () => string = randomIdentifiant,
): Promise<CreateClientResult> {
  const attempts = identifiant === undefined ? RANDOM_ATTEMPTS : 1;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const row = toRow(identifiant ?? pickIdentifiant(), fields, clock.now());
    try {
      await db.insertInto('client').values(row).execute();
      return { ok: true, client: fromRow(row) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return { ok: false, reason: 'identifiant-taken' };
}

export async function findClient(db: Db, identifiant: string): Promise<ClientFile | undefined> {
  const row = await db.selectFrom('client').selectAll().where('identifiant', '=', identifiant).executeTakeFirst();
  return row && fromRow(row);
}

/** Every file registered under this address, whatever its case or surrounding spaces. */
export async function findClientsByEmail(db: Db, email: string): Promise<ClientFile[]> {
  const rows = await db
    .selectFrom('client')
    .selectAll()
    .where('email_normalized', '=', normalizeEmail(email))
    .orderBy('identifiant')
    .execute();
  return rows.map(fromRow);
}

/** Which of these identifiants already have a file. */
export async function existingIdentifiants(db: Db, identifiants: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < identifiants.length; start += UPSERT_CHUNK) {
    const chunk = identifiants.slice(start, start + UPSERT_CHUNK);
    const rows = await db.selectFrom('client').select('identifiant').where('identifiant', 'in', chunk).execute();
    for (const row of rows) found.add(row.identifiant);
  }
  return found;
}

export interface ListOptions {
  readonly email?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export async function listClients(db: Db, { email, limit = 100, offset = 0 }: ListOptions = {}): Promise<ClientFile[]> {
  let query = db.selectFrom('client').selectAll();
  if (email !== undefined) query = query.where('email_normalized', '=', normalizeEmail(email));
  const rows = await query.orderBy('identifiant').limit(limit).offset(offset).execute();
  return rows.map(fromRow);
}

export interface ClientChanges {
  readonly civility?: Civility | null;
  readonly name?: string;
  readonly email?: string;
  readonly status?: ClientStatus;
}

export type UpdateClientResult =
  | { ok: true; client: ClientFile; before: ClientFile; changed: boolean }
  | { ok: false; reason: 'not-found' };

/** Runs inside the update's transaction when something changed (e.g. to queue a notice mail). */
/** Runs inside the change's transaction; what it returns runs once that transaction has committed. */
export type OnClientChanged = (tx: Db, before: ClientFile, after: ClientFile) => Promise<(() => void) | void>;

export async function updateClient(
  db: Db,
  clock: Clock,
  identifiant: string,
  changes: ClientChanges,
  onChanged: OnClientChanged = async () => {},
): Promise<UpdateClientResult> {
  const committed: { publish?: (() => void) | void } = {};
  const result = await db.transaction().execute(async (tx) => {
    const before = await findClient(tx, identifiant);
    if (!before) return { ok: false, reason: 'not-found' } as const;
    const after = { ...before, ...definedOnly(changes) };
    const changed = !sameFields(before, after);
    if (!changed) return { ok: true, client: before, before, changed } as const;
    const row = { ...toRow(identifiant, after, before.createdAt), status: after.status, updated_at: clock.now() };
    const { identifiant: _unchangeable, created_at: _kept, ...set } = row;
    await tx.updateTable('client').set(set).where('identifiant', '=', identifiant).execute();
    const client = fromRow(row);
    committed.publish = await onChanged(tx, before, client);
    return { ok: true, client, before, changed } as const;
  });
  committed.publish?.();
  return result;
}

export interface UpsertSummary {
  created: number;
  updated: number;
  unchanged: number;
}

export interface UpsertOptions {
  /** Count what would change, write nothing. */
  readonly dryRun?: boolean;
  /** The source has no civility at all (a CSV without that column): existing files keep theirs. */
  readonly keepCivility?: boolean;
}

/**
 * Creates or updates files by identifiant, all in one transaction: either every row lands or
 * none does. `onProgress` receives the number of rows handled so far.
 */
export async function upsertClients(
  db: Db,
  clock: Clock,
  rows: ReadonlyArray<ClientFields & { identifiant: string }>,
  onProgress: (done: number) => void = () => {},
  { dryRun = false, keepCivility = false }: UpsertOptions = {},
): Promise<UpsertSummary> {
  const summary: UpsertSummary = { created: 0, updated: 0, unchanged: 0 };
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    for (let start = 0; start < rows.length; start += UPSERT_CHUNK) {
      const chunk = lastWins(rows.slice(start, start + UPSERT_CHUNK));
      const existing = new Map(
        (await tx.selectFrom('client').selectAll().where('identifiant', 'in', chunk.map((r) => r.identifiant)).execute()).map(
          (r) => [r.identifiant, fromRow(r)] as const,
        ),
      );
      const writes: ClientTable[] = [];
      for (const given of chunk) {
        const before = existing.get(given.identifiant);
        const row = keepCivility && before ? { ...given, civility: before.civility } : given;
        if (before && sameFields(before, row)) summary.unchanged++;
        else {
          if (before) summary.updated++;
          else summary.created++;
          writes.push({ ...toRow(row.identifiant, row, before?.createdAt ?? now), status: before?.status ?? 'active', updated_at: now });
        }
      }
      if (writes.length > 0 && !dryRun) {
        await tx
          .insertInto('client')
          .values(writes)
          .onConflict((oc) =>
            oc.column('identifiant').doUpdateSet((eb) => ({
              civility: eb.ref('excluded.civility'),
              name: eb.ref('excluded.name'),
              email: eb.ref('excluded.email'),
              email_normalized: eb.ref('excluded.email_normalized'),
              name_key: eb.ref('excluded.name_key'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
      onProgress(Math.min(start + UPSERT_CHUNK, rows.length));
    }
  });
  return summary;
}

/** Within one chunk a repeated identifiant would hit the same row twice in one statement. */
function lastWins<T extends { identifiant: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((r) => [r.identifiant, r])).values()];
}

function sameFields(a: ClientFields & { status?: ClientStatus }, b: ClientFields & { status?: ClientStatus }): boolean {
  return a.civility === b.civility && a.name === b.name && a.email === b.email && (a.status === undefined || b.status === undefined || a.status === b.status);
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function toRow(identifiant: string, fields: ClientFields, createdAt: number): ClientTable {
  return {
    identifiant,
    civility: fields.civility,
    name: fields.name,
    email: fields.email,
    email_normalized: normalizeEmail(fields.email),
    status: 'active',
    name_key: nameKey(fields.name),
    created_at: createdAt,
    updated_at: createdAt,
  };
}

export function fromRow(row: ClientTable): ClientFile {
  return {
    identifiant: row.identifiant,
    civility: row.civility,
    name: row.name,
    email: row.email,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
