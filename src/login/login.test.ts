import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, updateClient } from '../clients/client-repository.js';
import { createArgon2Hasher } from '../credentials/argon2-hasher.js';
import { validateSession } from '../sessions/session-store.js';
import { dialects, freshDatabase, type TestDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { login, type LoginDeps } from './login.js';

const meta = { ip: '127.0.0.1', userAgent: 'vitest' };
const sessions = { idleTimeoutMs: 30 * 60_000, absoluteTimeoutMs: 12 * 3_600_000 };

describe.each(dialects)('login on %s', (kind) => {
  let t: TestDatabase;
  let deps: LoginDeps;
  const clock = new ManualClock();
  const hasher = createArgon2Hasher();

  async function issue(identifiant: string, password: string): Promise<void> {
    await t.db.updateTable('password').set({ retired_at: clock.now(), retired_reason: 'superseded' }).where('identifiant', '=', identifiant).where('retired_at', 'is', null).execute();
    await t.db.insertInto('password').values({ identifiant, hash: await hasher.hash(password), mail_id: null, issued_at: clock.now() }).execute();
  }

  beforeAll(async () => {
    t = await freshDatabase(kind);
    deps = { db: t.db, clock, hasher, sessions, passwords: { replace: 'immediate', unusedTtlMs: undefined } };
    await createClient(t.db, clock, { civility: 'M.', name: 'Dupont', email: 'jean@example.fr' }, '1234567890');
    await createClient(t.db, clock, { civility: null, name: 'SARL Neuve', email: 'neuve@example.fr' }, '1000000000');
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('opens a fresh session with the live password, and records its first use', async () => {
    await issue('1234567890', 'fG69a*6jH');
    const a = await login(deps, '1234567890', 'fG69a*6jH', meta);
    const b = await login(deps, '1234567890', 'fG69a*6jH', meta);
    expect(a).toMatchObject({ ok: true, identifiant: '1234567890' });
    if (!a.ok || !b.ok) throw new Error('login failed');
    expect(a.token).not.toBe(b.token);
    expect(await validateSession(t.db, clock, 'client', a.token, sessions)).toMatchObject({ ok: true, session: { subject: { kind: 'client', id: '1234567890' } } });
    const row = await t.db.selectFrom('password').select('first_used_at').where('identifiant', '=', '1234567890').where('retired_at', 'is', null).executeTakeFirstOrThrow();
    expect(row.first_used_at).toBe(clock.now());
  });

  it('forgives spaces around both values, spaces inside the identifiant, and O for 0', async () => {
    for (const [identifiant, password] of [
      [' 1234567890 ', '\tfG69a*6jH  '],
      ['12 34 56 78 9O', 'fG69a*6jH'],
      ['\u00a0123456789o', 'fG69a*6jH\u00a0'],
    ] as const) {
      expect(await login(deps, identifiant, password, meta)).toMatchObject({ ok: true });
    }
  });

  it('keeps the password case-sensitive and refuses inner spaces in it', async () => {
    expect(await login(deps, '1234567890', 'FG69A*6JH', meta)).toEqual({ ok: false, reason: 'wrong-password', identifiant: '1234567890' });
    expect(await login(deps, '1234567890', 'fG69a *6jH', meta)).toMatchObject({ ok: false, reason: 'wrong-password' });
  });

  it('refuses a replaced password, and tells the audit it came from a superseded mail', async () => {
    await issue('1234567890', 'Nw7-pQ2?x');
    expect(await login(deps, '1234567890', 'fG69a*6jH', meta)).toMatchObject({ ok: false, reason: 'superseded-password' });
    expect(await login(deps, '1234567890', 'Nw7-pQ2?x', meta)).toMatchObject({ ok: true });
  });

  it('tells the audit log why, and the caller only that it failed', async () => {
    expect(await login(deps, '9999999999', 'Nw7-pQ2?x', meta)).toEqual({ ok: false, reason: 'unknown-identifiant', identifiant: '9999999999' });
    expect(await login(deps, 'abc', 'Nw7-pQ2?x', meta)).toEqual({ ok: false, reason: 'unknown-identifiant', identifiant: null });
    expect(await login(deps, '1000000000', 'Nw7-pQ2?x', meta)).toEqual({ ok: false, reason: 'wrong-password', identifiant: '1000000000' });
    expect(await login(deps, '1234567890', 'x'.repeat(10_000), meta)).toMatchObject({ ok: false, reason: 'wrong-password' });
    await updateClient(t.db, clock, '1234567890', { status: 'disabled' });
    expect(await login(deps, '1234567890', 'Nw7-pQ2?x', meta)).toEqual({ ok: false, reason: 'disabled', identifiant: '1234567890' });
    await updateClient(t.db, clock, '1234567890', { status: 'active' });
  });
});
