import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshDatabase, useFreshDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { Migrator, type Kysely } from 'kysely';
import { migrations } from '../storage/migrations/index.js';
import { migrateToLatest } from '../storage/migrate.js';
import { createClient, updateClient } from './client-repository.js';
import { allClients, searchClients, searchModeOf } from './client-search.js';
import { nameKey, prefixUpperBound } from './name-key.js';

describe('search keys', () => {
  it('folds accents, case and spaces', () => {
    expect(nameKey('  Lefèvre-MÜLLER   Élodie ')).toBe('lefevre-muller elodie');
    expect(prefixUpperBound('dup')).toBe('duq');
    expect(searchModeOf('12345')).toBe('identifiant');
    expect(searchModeOf('a@b.fr')).toBe('email');
    expect(searchModeOf('Dup')).toBe('name');
    expect(searchModeOf('  ')).toBe('all');
  });
});

describe.each(dialects)('client search on %s', (kind) => {
  const t = useFreshDatabase(kind);
  const clock = new ManualClock();
  beforeAll(async () => {
    const files = [
      ['1000000001', 'Dupont Jean', 'jean@example.fr'],
      ['1000000002', 'DUPONT SARL', 'contact@dupont.fr'],
      ['1000000003', 'Dupond Marie', 'Jean@Example.fr'],
      ['2000000001', 'Lefèvre Élodie', 'elodie@example.fr'],
      ['2000000002', 'Martin', 'martin@example.fr'],
    ] as const;
    for (const [id, name, email] of files) await createClient(t.db, clock, { civility: null, name, email }, id);
  });

  const ids = async (query: string, limit = 10, after?: string) => (await searchClients(t.db, { query, limit, after })).clients.map((c) => c.identifiant);

  it('finds by identifiant prefix, name prefix (accents and case ignored) and exact email', async () => {
    expect(await ids('1000')).toEqual(['1000000001', '1000000002', '1000000003']);
    expect(await ids('2000000002')).toEqual(['2000000002']);
    expect(await ids('dupon')).toEqual(['1000000003', '1000000001', '1000000002']);
    expect(await ids('Dupont')).toEqual(['1000000001', '1000000002']);
    expect(await ids('lefevre')).toEqual(['2000000001']);
    expect(await ids('LEFÈ')).toEqual(['2000000001']);
    expect(await ids(' JEAN@example.FR ')).toEqual(['1000000001', '1000000003']);
    expect(await ids('upont')).toEqual([]);
    expect(await ids('')).toHaveLength(5);
  });

  it('pages with a cursor, without gaps or repeats', async () => {
    const first = await searchClients(t.db, { query: 'd', limit: 2 });
    expect(first.clients.map((c) => c.identifiant)).toEqual(['1000000003', '1000000001']);
    expect(first.next).toBeDefined();
    const second = await searchClients(t.db, { query: 'd', limit: 2, after: first.next });
    expect(second.clients.map((c) => c.identifiant)).toEqual(['1000000002']);
    expect(second.next).toBeUndefined();
    const all = await searchClients(t.db, { query: '', limit: 3 });
    expect(await ids('', 3, all.next)).toEqual(['2000000001', '2000000002']);
  });

  it('keeps the search key in step with edits', async () => {
    await updateClient(t.db, clock, '2000000002', { name: 'Zoé Martin' });
    expect(await ids('zoe')).toEqual(['2000000002']);
    expect(await ids('martin')).toEqual([]);
    const exported: string[] = [];
    for await (const c of allClients(t.db, 2)) exported.push(c.identifiant);
    expect(exported).toEqual(['1000000001', '1000000002', '1000000003', '2000000001', '2000000002']);
  });

  it('fills the search key of files written before migration 0004', async () => {
    const old = await freshDatabase(kind, { migrate: false });
    try {
      const migrator = new Migrator({ db: old.db, provider: { getMigrations: async () => migrations } });
      await migrator.migrateTo('0002-credentials-outbox-sessions');
      // More than one backfill batch (1000 rows), the last file beyond the first batch.
      const rows = Array.from({ length: 1001 }, (_, i) => ({
        identifiant: String(3_000_000_000 + i),
        civility: null,
        name: i === 1000 ? 'Éric Ancien' : `Client ${i}`,
        email: 'e@x.fr',
        email_normalized: 'e@x.fr',
        status: 'active',
        created_at: 1,
        updated_at: 1,
      }));
      await (old.db as unknown as Kysely<any>).insertInto('client').values(rows).execute();
      expect((await migrateToLatest(old.db)).ok).toBe(true);
      expect((await searchClients(old.db, { query: 'eric', limit: 5 })).clients.map((c) => c.identifiant)).toEqual(['3000001000']);
      expect((await searchClients(old.db, { query: 'client 99', limit: 20 })).clients).toHaveLength(11);
    } finally {
      await old.destroy();
    }
  });

  it('answers a name search from the index, not by scanning the table', async () => {
    const lower = nameKey('dupon');
    const upper = prefixUpperBound(lower);
    if (kind === 'sqlite') {
      const plan = await sql<{ detail: string }>`explain query plan select * from client where name_key >= ${lower} and name_key < ${upper} order by name_key, identifiant limit 51`.execute(t.db);
      expect(plan.rows.map((r) => r.detail).join(' ')).toMatch(/USING INDEX client_name_key_idx/);
    } else {
      const plan = await t.db.transaction().execute(async (tx) => {
        await sql`set local enable_seqscan = off`.execute(tx);
        return sql<{ 'QUERY PLAN': string }>`explain select * from client where name_key >= ${lower} and name_key < ${upper} order by name_key, identifiant limit 51`.execute(tx);
      });
      expect(plan.rows.map((r) => r['QUERY PLAN']).join(' ')).toMatch(/Index Scan using client_name_key_idx/);
    }
  });
});
