import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openDatabase, type Db } from '../storage/database.js';
import { systemClock } from '../clock.js';
import { webServerFor } from '../test-support/test-portal.js';

// The server as `egec serve` builds it, with a route that shows what it believes the client's address is.
async function serverTrusting(trustProxy: string | undefined): Promise<{ app: FastifyInstance; db: Db }> {
  const result = loadConfig({ EGEC_DATABASE_URL: ':memory:', EGEC_TRUST_PROXY: trustProxy, EGEC_PUBLIC_URL: 'https://portail.example.fr' });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const db = openDatabase(result.config.database);
  const app = await webServerFor(result.config, db, systemClock);
  app.get('/ip', async (request) => request.ip);
  app.post('/ip', async (request) => request.ip);
  await app.ready();
  return { app, db };
}

describe('client address behind a proxy (EGEC_TRUST_PROXY)', () => {
  const opened: { app: FastifyInstance; db: Db }[] = [];
  afterAll(async () => {
    for (const { app, db } of opened) {
      await app.close();
      await db.destroy();
    }
  });
  const open = async (trustProxy: string | undefined) => {
    const server = await serverTrusting(trustProxy);
    opened.push(server);
    return server.app;
  };
  const ipSeenBy = async (app: FastifyInstance, remoteAddress: string, forwardedFor: string) =>
    (await app.inject({ method: 'GET', url: '/ip', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } })).body;

  it('by default nobody can claim another address with X-Forwarded-For', async () => {
    const app = await open(undefined);
    expect(await ipSeenBy(app, '198.51.100.20', '192.0.2.1')).toBe('198.51.100.20');
  });

  it('believes X-Forwarded-For only from the trusted proxies', async () => {
    const app = await open('10.0.0.0/8,127.0.0.1');
    expect(await ipSeenBy(app, '10.1.2.3', '192.0.2.1')).toBe('192.0.2.1');
    expect(await ipSeenBy(app, '127.0.0.1', '192.0.2.1')).toBe('192.0.2.1');
    // An untrusted sender cannot spoof, nor can a client prepend a fake hop in front of the proxy.
    expect(await ipSeenBy(app, '198.51.100.20', '192.0.2.1')).toBe('198.51.100.20');
    expect(await ipSeenBy(app, '10.1.2.3', '192.0.2.99, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('refuses a cross-site form post in the assembled server', async () => {
    const app = await open(undefined);
    const refused = await app.inject({ method: 'POST', url: '/ip', headers: { 'sec-fetch-site': 'cross-site' }, payload: { a: 1 } });
    expect(refused.statusCode).toBe(403);
    const allowed = await app.inject({ method: 'POST', url: '/ip', headers: { origin: 'https://portail.example.fr' }, payload: { a: 1 } });
    expect(allowed.statusCode).toBe(200);
  });
});
