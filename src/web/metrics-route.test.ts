/**
 * /metrics as Prometheus sees it, in-process on SQLite and PostgreSQL: the bearer token on the
 * main port, the series that must move after a login and an activation, the outbox and locks read
 * from the database at scrape time, and the separate listener.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../clients/client-repository.js';
import { loadConfig } from '../config.js';
import { recordFailure } from '../login/account-lock.js';
import { createAesSealer } from '../mail/content-sealer-aes.js';
import { startMetricsListener } from '../metrics/metrics-listener.js';
import { createMetrics } from '../metrics/metrics.js';
import { simulateActivation } from '../test-support/activation-fixture.js';
import { dialects, freshDatabase, tempDir } from '../test-support/databases.js';
import { mailedCredentials } from '../test-support/mailed-credentials.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { startTestPortal, webServerFor, type TestPortal } from '../test-support/test-portal.js';
import { WebClient } from '../test-support/web-client.js';

const TOKEN = randomBytes(24).toString('hex');

/** The value of one series in Prometheus text, 0 when absent; a prefix ending in `,` sums the series it opens. */
function sample(text: string, series: string): number {
  const lines = text.split('\n').filter((l) => (series.endsWith(',') ? l.startsWith(series) : l.startsWith(`${series} `)));
  return lines.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe.each(dialects)('/metrics on %s', (kind) => {
  let portal: TestPortal;
  const clock = new ManualClock();
  beforeAll(async () => {
    portal = await startTestPortal(kind, { clock, env: { EGEC_METRICS_TOKEN: TOKEN } });
    await portal.addClient('1234567890', 'M.', 'Dupont', 'dupont@example.fr');
  });
  afterAll(async () => {
    await portal?.close();
  });

  const scrape = async () => {
    const response = await portal.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  it('requires the bearer token on the main port', async () => {
    const none = await portal.app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.body).not.toContain('egec_');
    const wrong = await portal.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN.slice(1)}x` } });
    expect(wrong.statusCode).toBe(401);
    const right = await portal.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.statusCode).toBe(200);
    expect(right.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(right.body).toContain('# TYPE egec_http_request_duration_seconds histogram');
  });

  it('moves the activation, login, hash, latency and outbox series', async () => {
    const before = await scrape();
    const browser = new WebClient(portal.app);
    const mailsBefore = portal.sink!.messages.length;
    await browser.get('/activation');
    expect((await browser.post('/activation', { email: 'dupont@example.fr' })).statusCode).toBe(303);
    await browser.get('/activation');
    await browser.post('/activation', { email: 'personne@example.fr' });
    const [mail] = (await portal.sink!.waitForMessages(mailsBefore + 1)).slice(mailsBefore);
    const password = mailedCredentials(mail!.parsed.text ?? '').get('1234567890')!;
    await browser.get('/');
    await browser.post('/login', { identifiant: '1234567890', password: `${password}x` });
    await browser.get('/');
    expect((await browser.post('/login', { identifiant: '1234567890', password })).statusCode).toBe(303);

    let after = await scrape();
    for (let i = 0; i < 100 && sample(after, 'egec_outbox_mails{status="sent"}') < 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await scrape();
    }
    const moved = (series: string) => sample(after, series) - sample(before, series);
    expect(moved('egec_activation_total{outcome="sent"}')).toBe(1);
    expect(moved('egec_activation_total{outcome="unknown"}')).toBe(1);
    expect(moved('egec_login_total{outcome="wrong-password"}')).toBe(1);
    expect(moved('egec_login_total{outcome="success"}')).toBe(1);
    expect(moved('egec_password_hash_duration_seconds_count{operation="hash"}')).toBeGreaterThanOrEqual(1);
    // At least one verification per login (the login may check more slots than the live password).
    expect(moved('egec_password_hash_duration_seconds_count{operation="verify"}')).toBeGreaterThanOrEqual(2);
    expect(moved('egec_http_request_duration_seconds_count{method="POST",route="/login",status="303"}')).toBe(1);
    expect(moved('egec_http_request_duration_seconds_count{method="POST",route="/login",')).toBe(2);
    expect(moved('egec_http_request_duration_seconds_count{method="GET",route="/",status="200"}')).toBe(2);
    expect(moved('egec_outbox_mails{status="sent"}')).toBe(1);
  });

  it('labels unknown addresses by one bounded route, never by the raw URL', async () => {
    await portal.app.inject({ method: 'GET', url: `/nowhere-${randomBytes(4).toString('hex')}` });
    const text = await scrape();
    expect(sample(text, 'egec_http_request_duration_seconds_count{method="GET",route="(unmatched)",status="404"}')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('nowhere-');
  });

  it('reads the queued mails, the age of the oldest and the locked files from the database', async () => {
    const t = await freshDatabase(kind);
    const loaded = loadConfig({ EGEC_DATA_DIR: tempDir(), EGEC_METRICS_TOKEN: TOKEN, EGEC_LOGIN_LOCK_AFTER: '3' });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const own = new ManualClock();
    // No delivery worker here: what is queued stays queued.
    const app = await webServerFor(loaded.config, t.db, own);
    try {
      const read = async () => (await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
      expect(sample(await read(), 'egec_outbox_mails{status="queued"}')).toBe(0);
      expect(sample(await read(), 'egec_locked_accounts')).toBe(0);
      const sealer = createAesSealer(randomBytes(32));
      await createClient(t.db, own, { civility: null, name: 'A', email: 'a@example.fr' }, '1000000001');
      await simulateActivation(t.db, { clock: own, sealer }, { identifiant: '1000000001', email: 'a@example.fr' });
      own.advance(90_000);
      for (let i = 0; i < 3; i++) await recordFailure(t.db, own, '1000000001', loaded.config.loginLock);
      const text = await read();
      expect(sample(text, 'egec_outbox_mails{status="queued"}')).toBe(1);
      expect(sample(text, 'egec_outbox_oldest_queued_age_seconds')).toBe(90);
      expect(sample(text, 'egec_locked_accounts')).toBe(1);
      own.advance(loaded.config.loginLock.firstMs);
      expect(sample(await read(), 'egec_locked_accounts')).toBe(0);
    } finally {
      await app.close();
      await t.destroy();
    }
  });
});

describe('/metrics switches', () => {
  it('is absent from the main port without a token', async () => {
    const t = await freshDatabase('sqlite');
    const loaded = loadConfig({ EGEC_DATA_DIR: tempDir() });
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const app = await webServerFor(loaded.config, t.db, new ManualClock());
    try {
      const response = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('egec_');
    } finally {
      await app.close();
      await t.destroy();
    }
  });

  it('serves its own listener, with the token when one is set', async () => {
    const metrics = createMetrics();
    metrics.loginOutcomes.inc({ outcome: 'success' });
    const open = await startMetricsListener(metrics.registry, { host: '127.0.0.1', port: 0, token: undefined });
    const guarded = await startMetricsListener(metrics.registry, { host: '127.0.0.1', port: 0, token: TOKEN });
    try {
      const response = await fetch(open.url);
      expect(response.status).toBe(200);
      expect(sample(await response.text(), 'egec_login_total{outcome="success"}')).toBe(1);
      expect((await fetch(new URL('/other', open.url))).status).toBe(404);
      expect((await fetch(guarded.url)).status).toBe(401);
      const authorized = await fetch(guarded.url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(authorized.status).toBe(200);
      expect(await authorized.text()).toContain('egec_login_total');
    } finally {
      await open.close();
      await guarded.close();
    }
  });
});
