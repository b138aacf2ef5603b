import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../config.js';
import { openDatabase, type Db } from '../storage/database.js';
import { dialects, freshDatabase, type TestDatabase, useFreshDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { testRedisUrl, uniqueRedisPrefix } from '../test-support/redis.js';
import { purgeRateCounters } from './rate-counter-database.js';
import { redisRateCounters } from './rate-counter-redis.js';
import { openRateCounters, rateLimits, type RateCounters } from './rate-limits.js';

/** One backend under test: how to open counters on it, and how time passes there. */
interface Backend {
  readonly windowMs: number;
  open(): RateCounters;
  /** Closes every store opened so far (connections), keeping what they stored. */
  closeAll(): Promise<void>;
  pass(ms: number): Promise<void>;
  storedKeys(): Promise<string[]>;
  teardown(): Promise<void>;
}

async function databaseBackend(kind: (typeof dialects)[number]): Promise<Backend> {
  const t: TestDatabase = await freshDatabase(kind);
  const clock = new ManualClock();
  let opened: Db[] = [];
  const backend: Backend = {
    windowMs: 3_600_000,
    open() {
      const db = openDatabase(t.target);
      opened.push(db);
      return openRateCounters({ redisUrl: undefined, db, clock });
    },
    async closeAll() {
      await Promise.all(opened.map((db) => db.destroy()));
      opened = [];
    },
    async pass(ms) {
      clock.advance(ms);
    },
    async storedKeys() {
      const rows = await t.db.selectFrom('rate_counter').select(['bucket', 'key']).execute();
      return rows.map((r) => `${r.bucket}:${r.key}`);
    },
    async teardown() {
      await backend.closeAll();
      await t.destroy();
    },
  };
  return backend;
}

// Redis TTLs run on real time: two-second windows.
function redisBackend(): Backend {
  const prefix = uniqueRedisPrefix();
  let opened: RateCounters[] = [];
  return {
    windowMs: 2_000,
    open() {
      const counters = redisRateCounters(testRedisUrl, prefix);
      opened.push(counters);
      return counters;
    },
    async closeAll() {
      await Promise.all(opened.map((c) => c.close()));
      opened = [];
    },
    pass: (ms) => sleep(ms),
    async storedKeys() {
      const redis = new Redis(testRedisUrl.toString());
      try {
        return await redis.keys(`${prefix}:*`);
      } finally {
        await redis.quit();
      }
    },
    teardown() {
      return this.closeAll();
    },
  };
}

const backends = [...dialects, 'redis'] as const;

describe.each(backends)('rate limits on %s', (kind) => {
  let backend: Backend;
  let rules: Config['limits'];
  beforeAll(async () => {
    backend = kind === 'redis' ? redisBackend() : await databaseBackend(kind);
    const w = backend.windowMs;
    rules = {
      activationPerEmail: { points: 3, windowMs: w },
      activationPerIp: { points: 5, windowMs: w },
      loginPerIp: { points: 15, windowMs: w },
    };
  });
  afterAll(async () => {
    await backend?.teardown();
  });

  it('refuses once the limit is reached, with the time left in the window; checking counts nothing', async () => {
    const limits = rateLimits(backend.open(), rules);
    const email = 'jean.dupont@example.fr';
    for (let i = 0; i < 10; i++) expect(await limits.activationPerEmail.check(email)).toEqual({ allowed: true });
    const tries = [];
    for (let i = 0; i < 4; i++) tries.push(await limits.activationPerEmail.consume(email));
    expect(tries.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    for (const refused of [tries[3], await limits.activationPerEmail.check(email)]) {
      expect(refused?.allowed).toBe(false);
      const retryAfterMs = refused?.allowed === false ? refused.retryAfterMs : 0;
      expect(retryAfterMs).toBeGreaterThan(0);
      expect(retryAfterMs).toBeLessThanOrEqual(backend.windowMs);
    }
    // Other keys and other rules keep their own counts.
    expect(await limits.activationPerEmail.consume('marie.curie@example.fr')).toEqual({ allowed: true });
    expect(await limits.activationPerIp.consume(email)).toEqual({ allowed: true });

    await backend.pass(backend.windowMs + 100);
    expect(await limits.activationPerEmail.check(email)).toEqual({ allowed: true });
    expect(await limits.activationPerEmail.consume(email)).toEqual({ allowed: true });
  });

  it('keeps counts when the store is closed and opened again', async () => {
    const before = rateLimits(backend.open(), rules);
    for (let i = 0; i < 5; i++) expect(await before.activationPerIp.consume('192.0.2.7')).toEqual({ allowed: true });
    await backend.closeAll();
    const after = rateLimits(backend.open(), rules);
    expect((await after.activationPerIp.check('192.0.2.7')).allowed).toBe(false);
    expect((await after.activationPerIp.consume('192.0.2.7')).allowed).toBe(false);
    expect(await after.activationPerIp.consume('192.0.2.8')).toEqual({ allowed: true });
  });

  it('shares counts between instances: parallel attempts from two stores never pass the limit', async () => {
    const a = rateLimits(backend.open(), rules);
    const b = rateLimits(backend.open(), rules);
    const ip = '2001:db8::1';
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).loginPerIp.consume(ip)));
    expect(outcomes.filter((o) => o.allowed).length).toBe(15);
    expect((await a.loginPerIp.check(ip)).allowed).toBe(false);
    expect((await b.loginPerIp.check(ip)).allowed).toBe(false);
  });

  it('stores no email or address in clear', async () => {
    const limits = rateLimits(backend.open(), rules);
    await limits.activationPerEmail.consume('secret.person@example.fr');
    const keys = await backend.storedKeys();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/secret|example|192\.0\.2|2001/);
  });
});

describe.each(dialects)('rate counters purge on %s', (kind) => {
  const t = useFreshDatabase(kind);

  it('deletes counters whose window has ended, keeps the others', async () => {
    const clock = new ManualClock();
    const counters = openRateCounters({ redisUrl: undefined, db: t.db, clock });
    await counters.limiter('short', { points: 1, windowMs: 60_000 }).consume('a');
    await counters.limiter('long', { points: 1, windowMs: 3_600_000 }).consume('a');
    clock.advance(60_000);
    expect(await purgeRateCounters(t.db, clock)).toBe(1);
    expect(await t.db.selectFrom('rate_counter').select('bucket').execute()).toEqual([{ bucket: 'long' }]);
  });
});
