/**
 * The one timed assertion the issue asks for (point 9): over 200 interleaved login requests, the
 * median response time for a known identifiant and for an unknown one differ by less than 5 ms.
 *
 * Real parts: the server over HTTP (in-process), the production argon2id costs (m=19 MiB, t=2:
 * the configuration's minimum, so what an attacker would time), a real database, wrong passwords
 * (what someone probing identifiants types). The machine is shared, so the measurement is made
 * robust rather than lenient: known and unknown alternate in random order pair by pair so load
 * spikes hit both, medians ignore outliers, and a round that fails is measured again, at most
 * three rounds. Without the dummy verifications in login.ts an unknown identifiant answers
 * tens of milliseconds sooner and every round fails.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshDatabase, type TestDatabase } from '../test-support/databases.js';
import { addClientsWithPassword, loginServer } from '../test-support/login-server.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { WebClient } from '../test-support/web-client.js';

const KNOWN = ['1000000001', '1000000002', '1000000003', '1000000004'];
const UNKNOWN = ['2000000001', '2000000002', '2000000003', '2000000004'];
const REQUESTS = 200;
const ROUNDS = 3;
const TOLERANCE_MS = 5;

describe.each(dialects)('login timing on %s', (kind) => {
  let t: TestDatabase;
  const clock = new ManualClock();
  beforeAll(async () => {
    t = await freshDatabase(kind);
    await addClientsWithPassword(t, clock, KNOWN, 'fG69a*6jH');
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it(`known and unknown identifiants: medians within ${TOLERANCE_MS} ms over ${REQUESTS} interleaved requests`, { timeout: 600_000 }, async () => {
    // No per-IP limit or lock in the way: they would answer early and fast, for both alike.
    const app = await loginServer(t, clock, { EGEC_LIMIT_LOGIN_IP: '100000/1min', EGEC_LOGIN_LOCK_AFTER: '100' });
    const browser = new WebClient(app);
    await browser.get('/');
    let attempt = 0;
    const timed = async (identifiant: string) => {
      const start = performance.now();
      const response = await browser.post('/login', { identifiant, password: `Faux-${attempt++}` });
      const elapsed = performance.now() - start;
      expect(response.statusCode).toBe(200);
      return elapsed;
    };
    const gaps: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await t.db.deleteFrom('login_lock').execute();
      for (let i = 0; i < 10; i++) await timed(i % 2 === 0 ? KNOWN[0]! : UNKNOWN[0]!);
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < REQUESTS / 2; i++) {
        const pair = [() => timed(KNOWN[i % KNOWN.length]!).then((ms) => known.push(ms)), () => timed(UNKNOWN[i % UNKNOWN.length]!).then((ms) => unknown.push(ms))];
        if (Math.random() < 0.5) pair.reverse();
        for (const run of pair) await run();
      }
      const gap = median(known) - median(unknown);
      gaps.push(gap);
      if (Math.abs(gap) < TOLERANCE_MS) break;
    }
    await app.close();
    expect(Math.abs(gaps.at(-1)!), `median gaps per round (ms): ${gaps.map((g) => g.toFixed(2)).join(', ')}`).toBeLessThan(TOLERANCE_MS);
  });
});

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
