import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { dialects, useFreshDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { createClient, findClient, findClientsByEmail, listClients, updateClient, upsertClients } from './client-repository.js';

describe.each(dialects)('client files on %s', (kind) => {
  const t = useFreshDatabase(kind);
  const clock = new ManualClock();

  it('keeps the identifiant the firm gives and the email as entered', async () => {
    const created = await createClient(t.db, clock, { civility: 'M.', name: 'Dupont', email: ' Jean.Dupont@Example.FR ' }, '1234567890');
    expect(created).toMatchObject({ ok: true, client: { identifiant: '1234567890', email: ' Jean.Dupont@Example.FR ', status: 'active' } });
    expect(await findClient(t.db, '1234567890')).toMatchObject({ name: 'Dupont', civility: 'M.' });
  });

  it('refuses a second file with the same identifiant', async () => {
    const again = await createClient(t.db, clock, { civility: null, name: 'Autre', email: 'a@b.fr' }, '1234567890');
    expect(again).toEqual({ ok: false, reason: 'identifiant-taken' });
  });

  it('assigns random, unused ten-digit identifiants, retrying on a collision', async () => {
    const picks = ['1234567890', '1234567890', '5555555555'];
    const created = await createClient(t.db, clock, { civility: 'Mme', name: 'Lefèvre', email: 'l@b.fr' }, undefined, () => picks.shift()!);
    expect(created).toMatchObject({ ok: true, client: { identifiant: '5555555555' } });
    const random = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createClient(t.db, clock, { civility: null, name: `Société ${i}`, email: `s${i}@b.fr` })),
    );
    const ids = random.map((r) => (r.ok ? r.client.identifiant : 'failed'));
    for (const id of ids) expect(id).toMatch(/^[1-9]\d{9}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const sorted = [...ids].sort();
    const gaps = sorted.slice(1).map((id, i) => Number(id) - Number(sorted[i]));
    expect(gaps.some((g) => g > 1000)).toBe(true);
  });

  it('lets several files share one email, matched trimmed and case-insensitively', async () => {
    await createClient(t.db, clock, { civility: null, name: 'SARL Dupont', email: 'jean.dupont@example.fr' }, '2222222222');
    const found = await findClientsByEmail(t.db, '  JEAN.DUPONT@example.fr');
    expect(found.map((c) => c.identifiant)).toEqual(['1234567890', '2222222222']);
    expect((await listClients(t.db, { email: 'Jean.Dupont@example.FR' })).length).toBe(2);
  });

  it('updates fields and status but never the identifiant', async () => {
    clock.advance(60_000);
    const updated = await updateClient(t.db, clock, '2222222222', { name: 'SARL Dupont & Fils', status: 'disabled' });
    expect(updated).toMatchObject({ ok: true, changed: true, client: { identifiant: '2222222222', status: 'disabled' } });
    const stored = await findClient(t.db, '2222222222');
    expect(stored?.updatedAt).toBe(clock.now());
    expect(stored?.updatedAt).toBeGreaterThan(stored!.createdAt);
    expect(await updateClient(t.db, clock, '9999999990', { name: 'x' })).toEqual({ ok: false, reason: 'not-found' });
    await expect(sql`update client set identifiant = '3333333333' where identifiant = '2222222222'`.execute(t.db)).rejects.toThrow(/immutable/);
    expect(await findClient(t.db, '2222222222')).toBeDefined();
  });

  it('upserts by identifiant and counts created, updated and unchanged', async () => {
    const summary = await upsertClients(t.db, clock, [
      { identifiant: '1234567890', civility: 'M.', name: 'Dupont', email: ' Jean.Dupont@Example.FR ' },
      { identifiant: '5555555555', civility: 'Mme', name: 'Lefèvre-Müller', email: 'l@b.fr' },
      { identifiant: '7777777777', civility: null, name: 'Neuf', email: 'n@b.fr' },
    ]);
    expect(summary).toEqual({ created: 1, updated: 1, unchanged: 1 });
    expect((await findClient(t.db, '5555555555'))?.name).toBe('Lefèvre-Müller');
    expect((await findClient(t.db, '5555555555'))?.status).toBe('active');
  });

  it('upsert keeps a disabled file disabled', async () => {
    await upsertClients(t.db, clock, [{ identifiant: '2222222222', civility: null, name: 'Renamed', email: 'jean.dupont@example.fr' }]);
    expect(await findClient(t.db, '2222222222')).toMatchObject({ name: 'Renamed', status: 'disabled' });
  });
});
