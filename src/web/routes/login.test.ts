/**
 * POST /login over HTTP (in-process): the lock's page, the per-IP limit (database, then Redis
 * shared by two instances), on SQLite and PostgreSQL.
 */
import { Redis } from 'ioredis';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryAudit } from '../../audit/audit-query.js';
import type { Env } from '../../config.js';
import { dialects, useFreshDatabase } from '../../test-support/databases.js';
import { addClientsWithPassword, logIn, testWebServer } from '../../test-support/web-server.js';
import { ManualClock } from '../../test-support/manual-clock.js';
import { testRedisUrl, uniqueRedisPrefix } from '../../test-support/redis.js';
import { textOf, WebClient } from '../../test-support/web-client.js';
import { fr } from '../../texts/fr.js';

const RIGHT = 'fG69a*6jH';

describe.each(dialects)('POST /login on %s', (kind) => {
  const t = useFreshDatabase(kind);
  const clock = new ManualClock();
  beforeAll(async () => {
    await addClientsWithPassword(t, clock, ['1000000001', '1000000002', '1000000003'], RIGHT);
  });
  const server = (env: Env = {}, redisPrefix?: string) => testWebServer(t, clock, env, redisPrefix);
  const withoutTokens = (body: string) => body.replace(/value="[^"]*"/g, '');

  it('after ten wrong passwords the right one gets « Compte temporairement bloqué », exactly like a wrong one', async () => {
    const app = await server();
    const browser = new WebClient(app);
    for (let i = 0; i < 10; i++) expect(textOf((await logIn(browser, '1000000001', `faux-${i}`)).body)).toContain(fr.memo.notRecognized);
    const right = await logIn(browser, '1000000001', RIGHT);
    const wrong = await logIn(browser, '1000000001', 'encore-faux');
    expect(right.statusCode).toBe(200);
    expect(textOf(right.body)).toContain(`${fr.security.accountLocked} ${fr.security.accountLockedHelp}`);
    expect(textOf(right.body)).not.toContain(fr.memo.notRecognized);
    expect(withoutTokens(right.body)).toBe(withoutTokens(wrong.body));
    expect(browser.cookie('egec_session')).toBeUndefined();
    clock.advance(60_000);
    expect((await logIn(browser, '1000000001', RIGHT)).headers.location).toBe('/espace');
    await app.close();
  });

  it('per IP: past the limit, 429 with the time to retry, and the attempt goes no further', async () => {
    const app = await server({ EGEC_LIMIT_LOGIN_IP: '3/15min' });
    const browser = new WebClient(app, { remoteAddress: '198.51.100.1' });
    for (let i = 0; i < 3; i++) expect((await logIn(browser, '1000000002', `faux-${i}`)).statusCode).toBe(200);
    const limited = await logIn(browser, '1000000002', RIGHT);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('900');
    expect(textOf(limited.body)).toContain('Trop de tentatives de connexion depuis votre adresse. Réessayez dans 15 min.');
    expect(textOf(limited.body)).toContain('pavé Activation du compte');
    expect(browser.cookie('egec_session')).toBeUndefined();
    expect((await queryAudit(t.db, { identifiant: '1000000002' })).events).toHaveLength(3);
    expect(await t.db.selectFrom('login_lock').select('failures').where('identifiant', '=', '1000000002').executeTakeFirst()).toEqual({ failures: 3 });
    // Another address is not affected; this one may try again once the window is over.
    expect((await logIn(new WebClient(app, { remoteAddress: '198.51.100.2' }), '1000000002', RIGHT)).statusCode).toBe(303);
    clock.advance(15 * 60_000);
    expect((await logIn(browser, '1000000002', RIGHT)).statusCode).toBe(303);
    await app.close();
  });

  it('per IP with EGEC_REDIS_URL: two instances share one count, kept in Redis', async () => {
    const prefix = uniqueRedisPrefix();
    const env = { EGEC_LIMIT_LOGIN_IP: '3/15min', EGEC_REDIS_URL: testRedisUrl.toString() };
    const [a, b] = [await server(env, prefix), await server(env, prefix)];
    const countersInDatabase = () => t.db.selectFrom('rate_counter').selectAll().orderBy('key').execute();
    const before = await countersInDatabase();
    const onA = new WebClient(a, { remoteAddress: '198.51.100.3' });
    const onB = new WebClient(b, { remoteAddress: '198.51.100.3' });
    expect((await logIn(onA, '1000000003', 'faux')).statusCode).toBe(200);
    expect((await logIn(onB, '1000000003', 'faux')).statusCode).toBe(200);
    expect((await logIn(onA, '1000000003', 'faux')).statusCode).toBe(200);
    expect((await logIn(onB, '1000000003', RIGHT)).statusCode).toBe(429);
    const redis = new Redis(testRedisUrl.toString());
    try {
      expect((await redis.keys(`${prefix}:*`)).length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
    expect(await countersInDatabase()).toEqual(before);
    await a.close();
    await b.close();
  });
});
