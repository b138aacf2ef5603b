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
  const state: Record<string, unknown[]> = {};
  for (const table of TABLES.filter((name) => !except.includes(name))) {
    const rows = await db.selectFrom(table).selectAll().execute();
    state[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  if (!except.includes('session')) {
    const sessions = await db.selectFrom('session').select(['id_hash', 'subject_kind', 'subject_id', 'ended_at', 'end_reason']).execute();
    state.session = sessions.map((row) => JSON.stringify(row)).sort();
  }
  return JSON.stringify(state);
}
