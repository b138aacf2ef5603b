import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateClient } from '../clients/client-repository.js';
import { subjectHash } from '../audit/audit-log.js';
import { queryAudit } from '../audit/audit-query.js';
import { dialects } from '../test-support/databases.js';
import { loginFixture, meta, MINUTE, type LoginFixture } from '../test-support/login-fixture.js';

const RIGHT = 'fG69a*6jH';

describe.each(dialects)('guarded login on %s', (kind) => {
  let f: LoginFixture;
  beforeAll(async () => {
    f = await loginFixture(kind);
    for (const [id, email] of [
      ['1000000001', 'a@example.fr'],
      ['1000000002', 'b@example.fr'],
      ['1000000003', 'c@example.fr'],
      ['1000000004', 'd@example.fr'],
      ['1000000005', 'e@example.fr'],
    ] as const) {
      await f.addClient(id, email);
      await f.activate(email, RIGHT);
    }
  });
  afterAll(async () => {
    await f?.destroy();
  });

  const wrongTimes = async (identifiant: string, times: number) => {
    for (let i = 0; i < times; i++) expect(await f.login(identifiant, `faux-${i}`)).toMatchObject({ ok: false, reason: 'wrong-password' });
  };
  const reasons = async (identifiant: string) =>
    (await queryAudit(f.t.db, { identifiant, types: ['login.failed', 'login.succeeded'], limit: 500 })).events.map((e) =>
      e.type === 'login.succeeded' ? 'ok' : String(e.detail.reason),
    );

  it('ten wrong passwords, then the right one is refused, without being checked, until the lock ends', async () => {
    await wrongTimes('1000000001', 10);
    const verified = f.verifications();
    expect(await f.login('1000000001', RIGHT)).toEqual({ ok: false, reason: 'locked', identifiant: '1000000001', untilMs: f.clock.now() + MINUTE });
    expect(await f.login('1000000001', 'encore-faux')).toMatchObject({ ok: false, reason: 'locked' });
    expect(f.verifications()).toBe(verified);
    f.clock.advance(MINUTE);
    expect(await f.login('1000000001', RIGHT)).toMatchObject({ ok: true, identifiant: '1000000001' });
    // A success starts the count again: nine more failures do not lock.
    await wrongTimes('1000000001', 9);
    expect(await f.login('1000000001', RIGHT)).toMatchObject({ ok: true });
  });

  it('a right password costs one verification, a wrong one two (live, then the superseded mail\'s)', async () => {
    const before = f.verifications();
    expect(await f.login('1000000005', RIGHT)).toMatchObject({ ok: true });
    expect(f.verifications() - before).toBe(1);
    expect(await f.login('1000000005', 'faux')).toMatchObject({ ok: false, reason: 'wrong-password' });
    expect(f.verifications() - before).toBe(3);
  });

  it('a new activation lifts the lock at once, and the new password works', async () => {
    await wrongTimes('1000000002', 10);
    expect(await f.login('1000000002', RIGHT)).toMatchObject({ ok: false, reason: 'locked' });
    await f.activate('b@example.fr', 'Nw7-pQ2?x');
    expect(await f.login('1000000002', 'Nw7-pQ2?x')).toMatchObject({ ok: true });
  });

  it('40 parallel wrong attempts: exactly ten counted and verified, the rest refused as locked', async () => {
    const before = f.verifications();
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => f.login('1000000003', `faux-${i}`)));
    expect(outcomes.filter((o) => !o.ok && o.reason === 'wrong-password')).toHaveLength(10);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'locked')).toHaveLength(30);
    // One live slot and one dead slot per verified attempt (immediate mode).
    expect(f.verifications() - before).toBe(20);
    const row = await f.t.db.selectFrom('login_lock').selectAll().where('identifiant', '=', '1000000003').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ failures: 10, locked_until: f.clock.now() + MINUTE });
    expect(await f.login('1000000003', RIGHT)).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('locks an unknown identifiant exactly like a known one', async () => {
    for (let i = 0; i < 10; i++) expect(await f.login('9999999999', RIGHT)).toMatchObject({ ok: false, reason: 'unknown-identifiant' });
    expect(await f.login('9999999999', RIGHT)).toMatchObject({ ok: false, reason: 'locked', untilMs: f.clock.now() + MINUTE });
  });

  it('audits every outcome with its reason, IP and user agent, never the password', async () => {
    await f.login('1000000004', 'faux');
    await f.activate('d@example.fr', 'Nw7-pQ2?x');
    await f.login('1000000004', RIGHT);
    await updateClient(f.t.db, f.clock, '1000000004', { status: 'disabled' });
    await f.login('1000000004', 'Nw7-pQ2?x');
    await updateClient(f.t.db, f.clock, '1000000004', { status: 'active' });
    await f.login('1000000004', 'Nw7-pQ2?x');
    expect(await reasons('1000000004')).toEqual(['ok', 'disabled', 'superseded-password', 'wrong-password']);
    expect(await reasons('1000000001')).toContain('locked');
    const [last] = (await queryAudit(f.t.db, { identifiant: '1000000004', limit: 1 })).events;
    expect(last).toMatchObject({ type: 'login.succeeded', ip: meta.ip, userAgent: meta.userAgent, at: f.clock.now() });

    await f.login('  0000-bad\r\nforged', RIGHT);
    const hashed = await queryAudit(f.t.db, { subjectHash: subjectHash(f.deps.audit.key, '0000-bad\r\nforged') });
    expect(hashed.events).toMatchObject([{ type: 'login.failed', identifiant: null, detail: { reason: 'unknown-identifiant' } }]);
    const everything = JSON.stringify(await f.t.db.selectFrom('audit_event').selectAll().execute());
    for (const secret of [RIGHT, 'Nw7-pQ2?x', 'faux-', '0000-bad', 'forged']) expect(everything).not.toContain(secret);
  });
});
