/**
 * Scale-out (issue 8, point 3): two real `egec serve` processes on two ports share one PostgreSQL
 * database and one Redis, as N instances behind nginx do. A client activates on one and logs in on
 * the other with the mailed password; its session works on both; mails queued through either are
 * each delivered exactly once although both processes run a delivery worker; the per-address login
 * limit (Redis) and the account lock (database) count attempts made on either; and both instances'
 * /metrics listeners report the same outbox and locks, read from the shared database.
 * PostgreSQL only: several processes on one SQLite file is not a supported deployment.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock.js';
import { createClient } from '../../clients/client-repository.js';
import { outboxStats } from '../../mail/outbox-status.js';
import { freshDatabase, tempDir, type TestDatabase } from '../../test-support/databases.js';
import { startEgec, type EgecProcess } from '../../test-support/egec-process.js';
import { freePort } from '../../test-support/free-port.js';
import { HttpBrowser } from '../../test-support/http-browser.js';
import { mailedCredentials } from '../../test-support/mailed-credentials.js';
import { testRedisUrl } from '../../test-support/redis.js';
import { startSmtpSink, type SmtpSink } from '../../test-support/smtp-sink.js';

/** Files activated by the first three tests; one more (LOCKED) for the lock, one (LIMITED) for the activation limit. */
const CLIENTS = 10;
const LOCKED = CLIENTS;
const LIMITED = CLIENTS + 1;
const ACTIVATIONS_PER_EMAIL = 3;
const LOGIN_LIMIT = 4;
const LOCK_AFTER = 3;
const identifiantOf = (i: number) => String(5_000_000_000 + i);
// Addresses of this run's own: the per-email counters in Redis outlive a run.
const run = randomBytes(4).toString('hex');
const emailOf = (i: number) => `client${i}-${run}@example.fr`;

interface Instance {
  readonly process: EgecProcess;
  readonly url: (path: string) => URL;
  readonly metrics: URL;
}

/** The value of one series in Prometheus text, 0 when absent. */
const sample = (text: string, series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.slice(series.length + 1) ?? 0);

describe('two egec serve instances on one PostgreSQL and one Redis', () => {
  let t: TestDatabase;
  let sink: SmtpSink;
  const instances: Instance[] = [];
  // Client addresses of this run's own (via the trusted proxy header), so Redis counters left by other runs never apply.
  const freshIp = () => `10.${randomBytes(3).join('.')}`;
  const clientIp = freshIp();

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    for (let i = 0; i <= LIMITED; i++) {
      await createClient(t.db, systemClock, { civility: 'Mme', name: `Cliente ${i}`, email: emailOf(i) }, identifiantOf(i));
    }
    sink = await startSmtpSink();
    const secret = randomBytes(32).toString('base64');
    for (let n = 0; n < 2; n++) {
      const [port, metricsPort] = [await freePort(), await freePort()];
      const process = startEgec(['serve'], {
        EGEC_DATABASE_URL: t.url,
        EGEC_REDIS_URL: testRedisUrl.href,
        EGEC_SMTP_URL: sink.url,
        EGEC_SECRET: secret,
        EGEC_DATA_DIR: tempDir(),
        EGEC_PORT: String(port),
        EGEC_PUBLIC_URL: `http://127.0.0.1:${port}`,
        EGEC_TRUST_PROXY: '127.0.0.1',
        EGEC_METRICS_PORT: String(metricsPort),
        EGEC_LIMIT_LOGIN_IP: `${LOGIN_LIMIT}/1h`,
        EGEC_LIMIT_ACTIVATION_EMAIL: `${ACTIVATIONS_PER_EMAIL}/1h`,
        EGEC_LOGIN_LOCK_AFTER: String(LOCK_AFTER),
        EGEC_LOG_LEVEL: 'info',
      });
      instances.push({ process, url: (path) => new URL(path, `http://127.0.0.1:${port}`), metrics: new URL(`http://127.0.0.1:${metricsPort}/metrics`) });
    }
    await Promise.all(instances.map((i) => i.process.waitForLine(/eGEC prêt/, 90_000)));
  }, 120_000);

  afterAll(async () => {
    for (const { process } of instances) {
      process.child.kill('SIGTERM');
      await process.exited;
    }
    await sink?.close();
    await t?.destroy();
  });

  async function activate(on: Instance, i: number): Promise<string> {
    const before = sink.messages.length;
    const browser = new HttpBrowser({ 'x-forwarded-for': clientIp });
    await browser.get(on.url('/activation'));
    const sent = await browser.post(on.url('/activation'), { email: emailOf(i) });
    expect(sent.status).toBe(303);
    const mails = await sink.waitForMessages(before + 1, 30_000);
    const password = mails.map((m) => mailedCredentials(m.parsed.text ?? '').get(identifiantOf(i))).find((p) => p !== undefined);
    expect(password).toBeDefined();
    return password!;
  }

  async function logIn(on: Instance, browser: HttpBrowser, identifiant: string, password: string) {
    await browser.get(on.url('/'));
    return browser.post(on.url('/login'), { identifiant, password });
  }

  it('activation on one, login with the mailed password on the other, one session valid on both', async () => {
    const [a, b] = instances as [Instance, Instance];
    const password = await activate(a, 0);

    const browser = new HttpBrowser({ 'x-forwarded-for': clientIp });
    const login = await logIn(b, browser, identifiantOf(0), password);
    expect(login).toMatchObject({ status: 303, location: '/espace' });
    for (const instance of [a, b]) {
      const space = await browser.get(instance.url('/espace'));
      expect(space.status).toBe(200);
      expect(space.body).toContain(identifiantOf(0));
    }
    // Logging out on one ends the session on the other too.
    expect((await browser.post(a.url('/logout'), {})).status).toBe(303);
    const cookie = browser.cookie('egec_session');
    expect(cookie).toBeUndefined();
  }, 60_000);

  it('a session ended on one instance is refused by the other', async () => {
    const [a, b] = instances as [Instance, Instance];
    const password = await activate(b, 1);
    const browser = new HttpBrowser({ 'x-forwarded-for': clientIp });
    expect((await logIn(a, browser, identifiantOf(1), password)).status).toBe(303);
    const token = browser.cookie('egec_session')!;
    await browser.get(a.url('/espace'));
    await browser.post(a.url('/logout'), {});
    const replay = await fetch(b.url('/espace'), { redirect: 'manual', headers: { cookie: `egec_session=${token}` } });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/');
  }, 60_000);

  it('mails queued through both instances are each delivered exactly once, and both report the same outbox', async () => {
    const before = sink.messages.length;
    for (let k = 0; k < CLIENTS - 2; k++) await activate(instances[k % 2]!, k + 2);
    const end = Date.now() + 60_000;
    while ((await outboxStats(t.db, systemClock)).sent < CLIENTS && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect((await outboxStats(t.db, systemClock)).sent).toBe(CLIENTS);

    const delivered = sink.messages.slice(before).map((m) => m.envelope.to.join(','));
    expect(delivered.sort()).toEqual(Array.from({ length: CLIENTS - 2 }, (_, k) => emailOf(k + 2)).sort());
    const ids = sink.messages.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);

    const scrapes = await Promise.all(instances.map(async (i) => (await fetch(i.metrics)).text()));
    for (const text of scrapes) expect(sample(text, 'egec_outbox_mails{status="sent"}')).toBe(CLIENTS);
    const activations = scrapes.map((text) => sample(text, 'egec_activation_total{outcome="sent"}'));
    expect(activations.every((n) => n > 0)).toBe(true);
    expect(activations[0]! + activations[1]!).toBe(CLIENTS);
  }, 90_000);

  it('counts login attempts per address across both instances (Redis)', async () => {
    const [a, b] = instances as [Instance, Instance];
    const browser = new HttpBrowser({ 'x-forwarded-for': freshIp() });
    // A different file each time, so no file reaches its lock: only the address's count grows.
    const attempt = (on: Instance, from: HttpBrowser, n: number) => logIn(on, from, identifiantOf(100 + n), 'pas-le-bon');
    for (let n = 0; n < LOGIN_LIMIT; n++) expect((await attempt(n % 2 === 0 ? a : b, browser, n)).status).toBe(200);
    expect((await attempt(a, browser, LOGIN_LIMIT)).status).toBe(429);
    expect((await attempt(b, browser, LOGIN_LIMIT + 1)).status).toBe(429);
    const elsewhere = new HttpBrowser({ 'x-forwarded-for': freshIp() });
    expect((await attempt(b, elsewhere, LOGIN_LIMIT + 2)).status).toBe(200);
  }, 60_000);

  it('locks a file after failures spread over both instances, and both report the lock', async () => {
    const [a, b] = instances as [Instance, Instance];
    const password = await activate(a, LOCKED);
    const browser = new HttpBrowser({ 'x-forwarded-for': freshIp() });
    for (let n = 0; n < LOCK_AFTER; n++) await logIn(n % 2 === 0 ? a : b, browser, identifiantOf(LOCKED), 'pas-le-bon');
    // The right password, on the other instance, from another address: the file is locked.
    const other = new HttpBrowser({ 'x-forwarded-for': freshIp() });
    const refused = await logIn(LOCK_AFTER % 2 === 0 ? a : b, other, identifiantOf(LOCKED), password);
    expect(refused.status).toBe(200);
    expect(refused.body).toContain('Compte temporairement bloqué');
    for (const instance of instances) expect(sample(await (await fetch(instance.metrics)).text(), 'egec_locked_accounts')).toBe(1);
  }, 60_000);

  it('counts activation requests per email across both instances (Redis): past the limit, no password change and no mail', async () => {
    const [a, b] = instances as [Instance, Instance];
    const before = sink.messages.length;
    // A new address for each request, so only the email's count can refuse.
    const request = async (on: Instance) => {
      const browser = new HttpBrowser({ 'x-forwarded-for': freshIp() });
      await browser.get(on.url('/activation'));
      return browser.post(on.url('/activation'), { email: emailOf(LIMITED) });
    };
    for (let n = 0; n < ACTIVATIONS_PER_EMAIL; n++) expect((await request(n % 2 === 0 ? a : b)).status).toBe(303);
    await sink.waitForMessages(before + ACTIVATIONS_PER_EMAIL, 30_000);
    const passwords = await t.db.selectFrom('password').select('id').where('identifiant', '=', identifiantOf(LIMITED)).execute();
    for (const on of [a, b]) {
      const refused = await request(on);
      expect(refused.status).toBe(429);
      expect(refused.body).toContain('Réessayez dans');
    }
    expect(await t.db.selectFrom('password').select('id').where('identifiant', '=', identifiantOf(LIMITED)).execute()).toEqual(passwords);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(sink.messages.length).toBe(before + ACTIVATIONS_PER_EMAIL);
  }, 60_000);
});
