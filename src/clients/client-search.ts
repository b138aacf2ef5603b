/**
 * Finding client files among a million, instantly: every search is an index lookup, never a
 * `LIKE '%x%'` scan. What the staff member types decides which index:
 * - digits only → identifiant prefix (primary key range);
 * - contains `@` → exact address (email_normalized index);
 * - anything else → name prefix on the folded name (`name_key`, binary-ordered index range).
 * Pages are keyset-based (`after` = the last row's sort key), so page 10 000 costs what page 1 costs.
 */
import type { Db } from '../storage/database.js';
import { fromRow, type ClientFile } from './client-repository.js';
import { normalizeEmail } from './client-fields.js';
import { nameKey, prefixUpperBound } from './name-key.js';

export type SearchMode = 'all' | 'identifiant' | 'email' | 'name';

export interface ClientSearch {
  readonly query?: string;
  /** Opaque cursor from the previous page's `next`. */
  readonly after?: string;
  readonly limit: number;
}

export interface ClientPage {
  readonly mode: SearchMode;
  readonly clients: ClientFile[];
  /** Cursor of the next page, if there is one. */
  readonly next: string | undefined;
}

export function searchModeOf(query: string): SearchMode {
  const q = query.trim();
  if (q === '') return 'all';
  if (/^\d+$/.test(q)) return 'identifiant';
  if (q.includes('@')) return 'email';
  return 'name';
}

export async function searchClients(db: Db, { query = '', after, limit }: ClientSearch): Promise<ClientPage> {
  const mode = searchModeOf(query);
  const q = query.trim();
  let select = db.selectFrom('client').selectAll();
  if (mode === 'name') {
    const key = nameKey(q);
    select = select.where('name_key', '>=', key).where('name_key', '<', prefixUpperBound(key));
    const cursor = after === undefined ? undefined : decodeNameCursor(after);
    if (cursor) {
      select = select.where((eb) => eb(eb.refTuple('name_key', 'identifiant'), '>', eb.tuple(cursor.key, cursor.identifiant)));
    }
    select = select.orderBy('name_key').orderBy('identifiant');
  } else {
    if (mode === 'identifiant') select = select.where('identifiant', '>=', q).where('identifiant', '<', prefixUpperBound(q));
    if (mode === 'email') select = select.where('email_normalized', '=', normalizeEmail(q));
    if (after !== undefined) select = select.where('identifiant', '>', after);
    select = select.orderBy('identifiant');
  }
  const rows = await select.limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? (mode === 'name' ? encodeNameCursor(last.name_key, last.identifiant) : last.identifiant) : undefined;
  return { mode, clients: page.map(fromRow), next };
}

/** Every file in identifiant order, read in batches so a million rows never sit in memory. */
export async function* allClients(db: Db, batch = 1000): AsyncGenerator<ClientFile> {
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('client').selectAll().where('identifiant', '>', after).orderBy('identifiant').limit(batch).execute();
    for (const row of rows) yield fromRow(row);
    const last = rows[rows.length - 1];
    if (!last || rows.length < batch) return;
    after = last.identifiant;
  }
}

function encodeNameCursor(key: string, identifiant: string): string {
  return `${identifiant}:${key}`;
}

function decodeNameCursor(cursor: string): { key: string; identifiant: string } | undefined {
  const match = /^(\d{10}):(.*)$/s.exec(cursor);
  return match ? { identifiant: match[1]!, key: match[2]! } : undefined;
}
