import { describe, expect, it } from 'vitest';
import { dialects, useFreshDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { checkLock, clearLock, MAX_CONSECUTIVE_FAILURES, recordFailure, recordSuccess, type LockPolicy } from './account-lock.js';

const MINUTE = 60_000;
const policy: LockPolicy = { after: 10, firstMs: MINUTE, maxMs: 15 * MINUTE };

describe.each(dialects)('account lock on %s', (kind) => {
  const t = useFreshDatabase(kind);
  const clock = new ManualClock();

  const fail = (identifiant: string, times: number) =>
    Array.from({ length: times }).reduce<Promise<unknown>>(
      (previous) => previous.then(() => recordFailure(t.db, clock, identifiant, policy)),
      Promise.resolve(),
    );

  it('locks after the tenth consecutive failure, for one minute, then lets one more try in', async () => {
    await fail('1000000001', 9);
    expect(await checkLock(t.db, clock, '1000000001')).toEqual({ locked: false });
    const tenth = await recordFailure(t.db, clock, '1000000001', policy);
    expect(tenth).toEqual({ counted: true, failures: 10, lock: { locked: true, untilMs: clock.now() + MINUTE } });
    expect(await checkLock(t.db, clock, '1000000001')).toEqual({ locked: true, untilMs: clock.now() + MINUTE });
    // While locked, a failure is not counted and changes nothing.
    clock.advance(MINUTE - 1);
    expect(await recordFailure(t.db, clock, '1000000001', policy)).toEqual({ counted: false, lock: { locked: true, untilMs: clock.now() + 1 } });
    clock.advance(1);
    expect(await checkLock(t.db, clock, '1000000001')).toEqual({ locked: false });
  });

  it('doubles the wait with each further failure, up to fifteen minutes', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const outcome = await recordFailure(t.db, clock, '1000000001', policy);
      if (!outcome.counted || !outcome.lock.locked || outcome.lock.untilMs === null) throw new Error(`unexpected ${JSON.stringify(outcome)}`);
      waits.push(outcome.lock.untilMs - clock.now());
      clock.set(outcome.lock.untilMs);
    }
    expect(waits.map((w) => w / MINUTE)).toEqual([2, 4, 8, 15, 15, 15]);
  });

  it('a success resets the count; a new activation lifts a lock', async () => {
    await recordSuccess(t.db, '1000000001');
    expect(await checkLock(t.db, clock, '1000000001')).toEqual({ locked: false });
    expect(await recordFailure(t.db, clock, '1000000001', policy)).toMatchObject({ counted: true, failures: 1, lock: { locked: false } });
    await fail('1000000001', 9);
    expect((await checkLock(t.db, clock, '1000000001')).locked).toBe(true);
    await clearLock(t.db, '1000000001');
    expect(await checkLock(t.db, clock, '1000000001')).toEqual({ locked: false });
    expect(await recordFailure(t.db, clock, '1000000001', policy)).toMatchObject({ counted: true, failures: 1 });
  });

  it('50 parallel failures count exactly up to the limit and set exactly the first lock', async () => {
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => recordFailure(t.db, clock, '1000000002', policy)));
    const counted = outcomes.filter((o) => o.counted);
    expect(counted.length).toBe(10);
    expect(counted.map((o) => (o.counted ? o.failures : 0)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const o of outcomes.filter((o) => !o.counted)) expect(o.lock).toEqual({ locked: true, untilMs: clock.now() + MINUTE });
    const row = await t.db.selectFrom('login_lock').selectAll().where('identifiant', '=', '1000000002').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ failures: 10, locked_until: clock.now() + MINUTE });
  });

  it('after 100 consecutive failures only a new activation unlocks', async () => {
    const quick: LockPolicy = { after: 1, firstMs: 1_000, maxMs: 1_000 };
    for (let i = 1; i <= MAX_CONSECUTIVE_FAILURES; i++) {
      expect(await recordFailure(t.db, clock, '1000000003', quick)).toMatchObject({ counted: true, failures: i });
      clock.advance(1_000);
    }
    clock.advance(30 * 86_400_000);
    expect(await checkLock(t.db, clock, '1000000003')).toEqual({ locked: true, untilMs: null });
    expect(await recordFailure(t.db, clock, '1000000003', quick)).toEqual({ counted: false, lock: { locked: true, untilMs: null } });
    await clearLock(t.db, '1000000003');
    expect(await checkLock(t.db, clock, '1000000003')).toEqual({ locked: false });
  });

  it('counts identifiants that have no client file, and each identifiant on its own', async () => {
    expect(await recordFailure(t.db, clock, '9999999999', policy)).toMatchObject({ counted: true, failures: 1 });
    expect(await recordFailure(t.db, clock, '1000000004', policy)).toMatchObject({ counted: true, failures: 1 });
  });
});
