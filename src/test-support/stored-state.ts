/**
 * Everything eGEC stores, as one comparable value, to show that a refused request changed nothing.
 * Sessions are taken without their last-seen time: any request carrying a valid session touches it.
 * `except` leaves out tables a refused request may legitimately write (e.g. the per-IP counters).
 */
import type { Db } from '../storage/database.js';
import type { Schema } from '../storage/schema.js';

type Table = keyof Schema;
const TABLES: readonly Exclude<Table, 'session'>[] = ['client', 'staff', 'password', 'mail', 'rate_counter', 'login_lock', 'audit_event'];

export async function storedState(db: Db, except: readonly Table[] = []): Promise<string> {
  return JSON.stringify(await storedTables(db, except));
}

/** The same, table by table, to name what changed. */
export async function storedTables(db: Db, except: readonly Table[] = []): Promise<Record<string, string[]>> {
  const state: Record<string, string[]> = {};
  for (const table of TABLES.filter((name) => !except.includes(name))) {
    const rows = await db.selectFrom(table).selectAll().execute();
    state[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  if (!except.includes('session')) {
    const sessions = await db.selectFrom('session').select(['id_hash', 'subject_kind', 'subject_id', 'ended_at', 'end_reason']).execute();
    state.session = sessions.map((row) => JSON.stringify(row)).sort();
  }
  return state;
}

/** Names of the tables whose rows differ between two `storedTables`. */
export function changedTables(before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  return Object.keys(before).filter((table) => JSON.stringify(before[table]) !== JSON.stringify(after[table]));
}
