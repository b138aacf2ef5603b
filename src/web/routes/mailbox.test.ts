import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMailbox } from '../../mail/transports/mailbox-transport.js';
import { dialects } from '../../test-support/databases.js';
import { mailedCredentials } from '../../test-support/mailed-credentials.js';
import { ManualClock } from '../../test-support/manual-clock.js';
import { startTestPortal, type TestPortal } from '../../test-support/test-portal.js';
import { textOf, WebClient } from '../../test-support/web-client.js';

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('nothing arrived in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(dialects)('the built-in mailbox (no SMTP server) on %s', (kind) => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal(kind, { smtp: false, clock: new ManualClock() });
    await portal.addClient('1234567890', 'Mme', 'Durand', 'durand@example.fr');
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('shows the activation mail to a browser on this machine, and the password in it works', async () => {
    const browser = new WebClient(portal.app);
    await browser.get('/activation');
    expect((await browser.post('/activation', { email: 'durand@example.fr' })).statusCode).toBe(303);
    const [summary] = await waitFor(async () => {
      const mails = await listMailbox(portal.config.dataDir);
      return mails.length > 0 ? mails : undefined;
    });

    const list = await browser.get('/boite-aux-lettres');
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    expect(textOf(list.body)).toContain('durand@example.fr');
    expect(list.body).toContain(`href="/boite-aux-lettres/${summary!.id}"`);

    const one = await browser.get(`/boite-aux-lettres/${summary!.id}`);
    const password = mailedCredentials(textOf(one.body)).get('1234567890');
    expect(password).toMatch(/^\S{9}$/);
    await browser.get('/');
    expect((await browser.post('/login', { identifiant: '1234567890', password: password! })).headers.location).toBe('/espace');
    expect(textOf((await browser.get('/espace')).body)).toContain('Bonjour Mme Durand');

    expect((await browser.get('/boite-aux-lettres/../../secret.key')).statusCode).toBe(404);
    expect((await browser.get('/boite-aux-lettres/20261126T093200000Z-000001-deadbeef')).statusCode).toBe(404);
  });

  it('refuses any other address with a 403', async () => {
    const remote = new WebClient(portal.app, { remoteAddress: '203.0.113.7' });
    const list = await remote.get('/boite-aux-lettres');
    expect(list.statusCode).toBe(403);
    expect(textOf(list.body)).toContain('Accès refusé');
    expect(list.body).not.toContain('durand@example.fr');
    expect((await new WebClient(portal.app, { remoteAddress: '::1' }).get('/boite-aux-lettres')).statusCode).toBe(200);
    const proxied = new WebClient(portal.app, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect((await proxied.get('/boite-aux-lettres')).statusCode).toBe(403);
  });
});

describe('with an SMTP server configured', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal('sqlite', { clock: new ManualClock() });
  });
  afterAll(async () => {
    await portal?.close();
  });

  it('has no mailbox page at all', async () => {
    expect((await new WebClient(portal.app).get('/boite-aux-lettres')).statusCode).toBe(404);
  });
});
