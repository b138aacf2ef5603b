import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshDatabase, type TestDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { createSession, endSession, endSessionsOf, hashToken, previousLoginAt, validateSession } from './session-store.js';

const policy = { idleTimeoutMs: 30 * 60_000, absoluteTimeoutMs: 12 * 3_600_000 };
const meta = { ip: '127.0.0.1', userAgent: 'vitest' };
const dupont = { kind: 'client', id: '1234567890' } as const;

describe.each(dialects)('sessions on %s', (kind) => {
  let t: TestDatabase;
  const clock = new ManualClock();
  beforeAll(async () => {
    t = await freshDatabase(kind);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('stores only the hash of a 256-bit token', async () => {
    const { token } = await createSession(t.db, clock, dupont, policy, meta);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await sql<{ id_hash: string }>`select id_hash from session`.execute(t.db);
    expect(rows.rows.map((r) => r.id_hash)).toContain(hashToken(token));
    expect(JSON.stringify(rows.rows)).not.toContain(token);
  });

  it('accepts a live token only for its kind of subject', async () => {
    const { token } = await createSession(t.db, clock, dupont, policy, meta);
    expect(await validateSession(t.db, clock, 'client', token, policy)).toMatchObject({ ok: true, session: { subject: dupont } });
    expect(await validateSession(t.db, clock, 'staff', token, policy)).toEqual({ ok: false, reason: 'unknown' });
    expect(await validateSession(t.db, clock, 'client', 'forged', policy)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('ends after the idle timeout, and activity slides the window', async () => {
    const { token } = await createSession(t.db, clock, dupont, policy, meta);
    clock.advance(29 * 60_000);
    expect((await validateSession(t.db, clock, 'client', token, policy)).ok).toBe(true);
    clock.advance(29 * 60_000);
    expect((await validateSession(t.db, clock, 'client', token, policy)).ok).toBe(true);
    clock.advance(30 * 60_000);
    expect(await validateSession(t.db, clock, 'client', token, policy)).toEqual({ ok: false, reason: 'idle', subject: dupont });
    expect(await validateSession(t.db, clock, 'client', token, policy)).toEqual({ ok: false, reason: 'ended' });
  });

  it('ends at the absolute timeout even when active', async () => {
    const { token } = await createSession(t.db, clock, dupont, policy, meta);
    for (let i = 0; i < 24; i++) {
      clock.advance(29 * 60_000);
      expect((await validateSession(t.db, clock, 'client', token, policy)).ok).toBe(true);
    }
    clock.advance(29 * 60_000);
    expect(await validateSession(t.db, clock, 'client', token, policy)).toEqual({ ok: false, reason: 'expired', subject: dupont });
  });

  it('logout ends one session; ending a subject ends all of its sessions', async () => {
    const a = await createSession(t.db, clock, dupont, policy, meta);
    const b = await createSession(t.db, clock, dupont, policy, meta);
    const other = await createSession(t.db, clock, { kind: 'client', id: '5555555555' }, policy, meta);
    expect(await endSession(t.db, clock, a.token, 'logout')).toBe(true);
    expect(await validateSession(t.db, clock, 'client', a.token, policy)).toEqual({ ok: false, reason: 'ended' });
    expect((await validateSession(t.db, clock, 'client', b.token, policy)).ok).toBe(true);
    expect(await endSessionsOf(t.db, clock, dupont, 'activation')).toBeGreaterThanOrEqual(1);
    expect(await validateSession(t.db, clock, 'client', b.token, policy)).toEqual({ ok: false, reason: 'ended' });
    expect((await validateSession(t.db, clock, 'client', other.token, policy)).ok).toBe(true);
  });

  it('knows when the subject logged in before the current session', async () => {
    const subject = { kind: 'client', id: '7777777777' } as const;
    const first = await createSession(t.db, clock, subject, policy, meta);
    expect(await previousLoginAt(t.db, first.session)).toBeUndefined();
    clock.advance(3_600_000);
    const second = await createSession(t.db, clock, subject, policy, meta);
    expect(await previousLoginAt(t.db, second.session)).toBe(first.session.createdAt);
  });
});
