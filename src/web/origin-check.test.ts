import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fr } from '../texts/fr.js';
import { escapeHtml } from './html.js';
import { registerOriginCheck } from './origin-check.js';

describe('origin check for state-changing requests', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    registerOriginCheck(app, new URL('https://portail.example.fr'));
    app.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: '/form', handler: async () => 'done' });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', headers: Record<string, string>) =>
    app.inject({ method, url: '/form', headers: { host: 'portail.example.fr', ...headers }, payload: method === 'GET' ? undefined : { a: 1 } });

  it('refuses a cross-site POST, PUT, PATCH or DELETE with a short French page', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const response = await send(method, { 'sec-fetch-site': 'cross-site' });
      expect(response.statusCode, method).toBe(403);
    }
    const response = await send('POST', { 'sec-fetch-site': 'cross-site', 'accept-language': 'fr-FR' });
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<html lang="fr">');
    expect(response.body).toContain(escapeHtml(fr.security.crossSite));
    expect(response.body).not.toContain('done');
  });

  it("refuses an Origin that is neither the public address nor the request's own", async () => {
    for (const origin of ['https://evil.example', 'null', 'https://portail.example.fr:8443', 'https://portail.example.fr.evil.example', 'garbage']) {
      expect((await send('POST', { origin })).statusCode, origin).toBe(403);
    }
  });

  it('lets through same-origin requests, requests without either header, and every GET', async () => {
    expect((await send('POST', { origin: 'https://portail.example.fr', 'sec-fetch-site': 'same-origin' })).body).toBe('done');
    expect((await send('POST', { 'sec-fetch-site': 'none' })).body).toBe('done');
    expect((await send('POST', {})).body).toBe('done');
    expect((await send('DELETE', { origin: 'https://portail.example.fr' })).body).toBe('done');
    expect((await send('GET', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).body).toBe('done');
    // Reached by its own address (e.g. http://127.0.0.1:3000 on the server itself).
    const local = await app.inject({ method: 'POST', url: '/form', headers: { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }, payload: { a: 1 } });
    expect(local.body).toBe('done');
  });
});
