import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { dialects, useFreshDatabase } from '../test-support/databases.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

describe.each(dialects)('migrations on a fresh %s database', (kind) => {
  const t = useFreshDatabase(kind, { migrate: false });

  it('starts empty', async () => {
    const tables = await t.db.introspection.getTables();
    expect(tables.map((table) => table.name)).toEqual([]);
  });

  it('applies every migration in order, then has nothing left to do', async () => {
    expect(await migrateToLatest(t.db)).toEqual({ ok: true, applied: Object.keys(migrations) });
    expect(await migrateToLatest(t.db)).toEqual({ ok: true, applied: [] });
  });

  it('creates the tables the schema describes', async () => {
    const tables = await t.db.introspection.getTables();
    const columns = Object.fromEntries(tables.map((table) => [table.name, table.columns.map((c) => c.name).sort()]));
    expect(Object.keys(columns).sort()).toEqual(['audit_event', 'client', 'login_lock', 'mail', 'password', 'rate_counter', 'session', 'staff']);
    expect(columns.client).toEqual(['civility', 'created_at', 'email', 'email_normalized', 'identifiant', 'name', 'name_key', 'status', 'updated_at']);
  });

  it('stores epoch milliseconds beyond 32 bits and reads them back as numbers', async () => {
    const at = Date.UTC(2099, 11, 31, 23, 59, 59, 999);
    await t.db
      .insertInto('client')
      .values({ identifiant: '1234567890', civility: null, name: 'T', name_key: 't', email: 't@ex.fr', email_normalized: 't@ex.fr', status: 'active', created_at: at, updated_at: at })
      .execute();
    const row = await t.db.selectFrom('client').select(['created_at', 'status']).executeTakeFirstOrThrow();
    expect(row).toEqual({ created_at: at, status: 'active' });
  });

  it('makes the database refuse to change an identifiant', async () => {
    await expect(sql`update client set identifiant = '1111111111'`.execute(t.db)).rejects.toThrow(/immutable/);
    await sql`update client set name = 'U'`.execute(t.db);
    expect(await t.db.selectFrom('client').select(['identifiant', 'name']).execute()).toEqual([{ identifiant: '1234567890', name: 'U' }]);
  });

  it('refuses a second file with the same identifiant and a password for an unknown client', async () => {
    const row = { identifiant: '1234567890', civility: null, name: 'T', name_key: 't', email: 't@ex.fr', email_normalized: 't@ex.fr', status: 'active' as const, created_at: 1, updated_at: 1 };
    await expect(t.db.insertInto('client').values(row).execute()).rejects.toThrow();
    await expect(t.db.insertInto('password').values({ identifiant: '9999999999', hash: 'h', mail_id: null, issued_at: 1, first_used_at: null, retired_at: null, retired_reason: null }).execute()).rejects.toThrow();
  });
});
