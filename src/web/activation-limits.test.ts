/**
 * ENVOYER's rate limits over HTTP (issue 5, point 2), on SQLite and PostgreSQL with the database
 * counters, and across two eGEC instances sharing this machine's Redis: a refused request changes
 * no password, queues no mail, and says in French when to try again and how to reach the Service IT.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../clients/client-repository.js';
import { dumpDatabase } from '../test-support/database-dump.js';
import { dialects, freshDatabase, type TestDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { outboxDrained } from '../test-support/outbox-drained.js';
import { testRedisUrl, uniqueRedisPrefix } from '../test-support/redis.js';
import { startTestPortal, SUPPORT_CONTACT, webServerFor, type TestPortal } from '../test-support/test-portal.js';
import { testConfig } from '../test-support/web-server.js';
import { textOf, WebClient } from '../test-support/web-client.js';
import { fr } from '../texts/fr.js';

const MINUTE = 60_000;

async function envoyer(browser: WebClient, email: string) {
  await browser.get('/activation');
  return browser.post('/activation', { email });
}

describe.each(dialects)('activation limits on %s', (kind) => {
  let portal: TestPortal;
  const clock = new ManualClock();
  beforeAll(async () => {
    portal = await startTestPortal(kind, { clock });
    await portal.addClient('1234567890', 'M.', 'Dupont', 'dupont@example.fr');
  });
  afterAll(async () => {
    await portal?.close();
  });

  const count = async (table: 'mail' | 'password') => Number((await portal.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses the 6th request in an hour for one address: 429, no new password, no mail; works again after the window', async () => {
    const browser = new WebClient(portal.app, { remoteAddress: '198.51.100.1' });
    for (let i = 0; i < 5; i += 1) {
      expect((await envoyer(browser, i % 2 === 0 ? 'dupont@example.fr' : ' DUPONT@example.fr ')).statusCode).toBe(303);
      await outboxDrained(portal.db, clock);
      clock.advance(MINUTE);
    }
    await portal.sink!.waitForMessages(5);
    clock.advance(15 * MINUTE);
    const [passwords, mails] = [await count('password'), await count('mail')];

    const refused = await envoyer(browser, 'Dupont@Example.fr');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(40 * 60));
    const text = textOf(refused.body);
    expect(text).toContain(fr.activation.limited);
    expect(text).toContain('Réessayez dans 40 min.');
    expect(text).toContain(`${fr.memo.contactIt} ${SUPPORT_CONTACT}`);
    expect(text).not.toContain(fr.memo.mailSent);
    expect([await count('password'), await count('mail')]).toEqual([passwords, mails]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(portal.sink!.messages).toHaveLength(5);
    const limited = await portal.db.selectFrom('audit_event').select('detail').where('type', '=', 'activation.requested').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(limited.detail)).toEqual({ outcome: 'limited' });

    clock.advance(40 * MINUTE);
    expect((await envoyer(browser, 'dupont@example.fr')).statusCode).toBe(303);
    await portal.sink!.waitForMessages(6);
  });

  it('counts an unknown address like a registered one, so the limit does not tell them apart', async () => {
    const browser = new WebClient(portal.app, { remoteAddress: '198.51.100.2' });
    for (let i = 0; i < 5; i += 1) expect((await envoyer(browser, 'personne.inconnue@example.fr')).statusCode).toBe(200);
    expect((await envoyer(browser, 'personne.inconnue@example.fr')).statusCode).toBe(429);
    // Counters and audit rows keep the address only hashed: it is nowhere in the database.
    expect(await dumpDatabase(portal.database)).not.toContain('personne.inconnue');
  });
});

describe.each(dialects)('activation limit per IP address on %s', (kind) => {
  const clock = new ManualClock();
  const opened: TestPortal[] = [];
  afterAll(async () => {
    for (const portal of opened) await portal.close();
  });
  const open = async (env: Record<string, string>) => {
    const portal = await startTestPortal(kind, { clock, smtp: false, env: { EGEC_LIMIT_ACTIVATION_IP: '3/1h', ...env } });
    opened.push(portal);
    return portal;
  };

  it('counts the sender, not the X-Forwarded-For it claims, unless the sender is a trusted proxy', async () => {
    const direct = await open({});
    const spoofer = (n: number) => new WebClient(direct.app, { remoteAddress: '198.51.100.9', headers: { 'x-forwarded-for': `192.0.2.${n}` } });
    for (let n = 1; n <= 3; n += 1) expect((await envoyer(spoofer(n), `inconnu${n}@example.fr`)).statusCode).toBe(200);
    const refused = await envoyer(spoofer(4), 'inconnu4@example.fr');
    expect(refused.statusCode).toBe(429);
    expect(textOf(refused.body)).toContain('Réessayez dans 60 min.');
    expect((await envoyer(new WebClient(direct.app, { remoteAddress: '198.51.100.10' }), 'inconnu5@example.fr')).statusCode).toBe(200);
    const ips = await direct.db.selectFrom('audit_event').select('ip').where('type', '=', 'activation.requested').execute();
    expect(new Set(ips.map((row) => row.ip))).toEqual(new Set(['198.51.100.9', '198.51.100.10']));

    const proxied = await open({ EGEC_TRUST_PROXY: '10.0.0.1' });
    const behindProxy = (n: number) => new WebClient(proxied.app, { remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': `192.0.2.${n}` } });
    for (let n = 1; n <= 4; n += 1) expect((await envoyer(behindProxy(n), `inconnu${n}@example.fr`)).statusCode).toBe(200);
    const sameClient = behindProxy(1);
    for (let i = 0; i < 2; i += 1) expect((await envoyer(sameClient, `autre${i}@example.fr`)).statusCode).toBe(200);
    expect((await envoyer(sameClient, 'autre9@example.fr')).statusCode).toBe(429);
    const seen = await proxied.db.selectFrom('audit_event').select('ip').where('type', '=', 'activation.requested').execute();
    expect(new Set(seen.map((row) => row.ip))).toEqual(new Set(['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4']));
  });
});

describe('activation limits shared through Redis', () => {
  let t: TestDatabase;
  const apps: FastifyInstance[] = [];
  const clock = new ManualClock();
  beforeAll(async () => {
    t = await freshDatabase('sqlite');
    await createClient(t.db, clock, { civility: 'Mme', name: 'Leroy', email: 'leroy@example.fr' }, '3000000003');
    const config = testConfig(t, { EGEC_REDIS_URL: testRedisUrl.toString() });
    const prefix = uniqueRedisPrefix();
    for (let i = 0; i < 2; i += 1) apps.push(await webServerFor(config, t.db, clock, prefix));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await t?.destroy();
  });

  it('two instances share one count: five requests on one, the sixth on the other is refused', async () => {
    const [first, second] = apps as [FastifyInstance, FastifyInstance];
    for (let i = 0; i < 5; i += 1) expect((await envoyer(new WebClient(first, { remoteAddress: `198.51.100.${i + 1}` }), 'leroy@example.fr')).statusCode).toBe(303);
    const mails = await t.db.selectFrom('mail').select('id').execute();
    const refused = await envoyer(new WebClient(second, { remoteAddress: '198.51.100.99' }), 'leroy@example.fr');
    expect(refused.statusCode).toBe(429);
    expect(textOf(refused.body)).toContain('Réessayez dans 60 min.');
    expect(await t.db.selectFrom('mail').select('id').execute()).toEqual(mails);
  });
});
