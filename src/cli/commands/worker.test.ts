import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock.js';
import { createClient } from '../../clients/client-repository.js';
import { createAesSealer } from '../../mail/content-sealer-aes.js';
import { enqueueMail } from '../../mail/outbox.js';
import { findMail, outboxStats } from '../../mail/outbox-status.js';
import { loadMasterKey } from '../../secrets/secret-key.js';
import { simulateActivation } from '../../test-support/activation-fixture.js';
import { freshDatabase, tempDir, type TestDatabase } from '../../test-support/databases.js';
import { startEgec, type EgecProcess } from '../../test-support/egec-process.js';
import { startSmtpSink, type SmtpSink } from '../../test-support/smtp-sink.js';

const secret = randomBytes(32).toString('base64');
const key = loadMasterKey({ secret, dataDir: tempDir() });
if (!key.ok) throw new Error(key.reason);
const sealer = createAesSealer(key.key);
const deps = { clock: systemClock, sealer };

const until = async (condition: () => Promise<boolean>, timeoutMs: number, what: string) => {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('egec worker processes', () => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const track = <T extends { destroy?: () => Promise<void>; close?: () => Promise<void> }>(thing: T): T => {
    cleanups.push(() => (thing.destroy ?? thing.close)?.call(thing));
    return thing;
  };
  const worker = (t: TestDatabase, smtpUrl: string, extra: Record<string, string> = {}): EgecProcess => {
    const env = { EGEC_DATABASE_URL: t.url, EGEC_SMTP_URL: smtpUrl, EGEC_SECRET: secret, EGEC_DATA_DIR: tempDir(), EGEC_LOG_LEVEL: 'info', ...extra };
    const started = startEgec(['worker'], env);
    cleanups.push(() => {
      if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
      return started.exited;
    });
    return started;
  };

  it('loses no mail when killed with -9 while sending: another worker sends it once the lease runs out', async () => {
    const t = track(await freshDatabase('sqlite'));
    // An SMTP server that accepts the connection and never answers: the worker is stuck mid-send.
    const connections: net.Socket[] = [];
    const silent = net.createServer((socket) => connections.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      for (const socket of connections) socket.destroy();
      return new Promise((resolve) => silent.close(resolve));
    });
    const port = (silent.address() as net.AddressInfo).port;

    await createClient(t.db, systemClock, { civility: 'Mme', name: 'Martin', email: 'martin@example.fr' }, '3000000001');
    const mail = await simulateActivation(t.db, deps, { identifiant: '3000000001', email: 'martin@example.fr' });

    const first = worker(t, `smtp://127.0.0.1:${port}`, { EGEC_MAIL_LEASE: '2s' });
    await until(async () => (await findMail(t.db, mail.mailId))?.status === 'sending' && connections.length > 0, 60_000, 'the send to start');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(await findMail(t.db, mail.mailId)).toMatchObject({ status: 'sending', sentAt: null });

    const sink = track(await startSmtpSink());
    const second = worker(t, sink.url, { EGEC_MAIL_LEASE: '2s' });
    const [received] = await sink.waitForMessages(1, 60_000);
    expect(received?.parsed.text).toContain(mail.password);
    await until(async () => (await findMail(t.db, mail.mailId))?.status === 'sent', 5_000, 'sent to be recorded');
    expect(await findMail(t.db, mail.mailId)).toMatchObject({ status: 'sent', attempts: 2 });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(sink.messages).toHaveLength(1);
  }, 180_000);

  it('two workers on one PostgreSQL database deliver 500 mails exactly once, in order per address', async () => {
    const t = track(await freshDatabase('postgres'));
    const sink: SmtpSink = track(await startSmtpSink());
    const workers = [worker(t, sink.url), worker(t, sink.url)];
    // A process start takes seconds on a loaded machine; both must be polling before mails appear.
    await Promise.all(workers.map((w) => w.waitForLine(/envoi des courriels démarré/, 90_000)));

    const addresses = Array.from({ length: 250 }, (_, i) => `client${i}@example.fr`);
    for (const sequence of [1, 2]) {
      await t.db.transaction().execute(async (tx) => {
        for (const to of addresses) {
          const message = { to, subject: `${to} n°${sequence}`, text: `Courriel n°${sequence}`, html: `<p>n°${sequence}</p>` };
          await enqueueMail(tx, deps, { kind: 'notice', recipient: to, sequence, message });
        }
      });
    }
    await sink.waitForMessages(500, 120_000);
    await until(async () => {
      const stats = await outboxStats(t.db, systemClock);
      return stats.sent === 500;
    }, 10_000, 'all mails recorded as sent');

    expect(sink.messages).toHaveLength(500);
    const subjects = sink.messages.map((m) => m.parsed.subject ?? '');
    expect(new Set(subjects).size).toBe(500);
    expect(new Set(sink.messages.map((m) => m.parsed.messageId)).size).toBe(500);
    for (const to of addresses) expect(subjects.indexOf(`${to} n°1`)).toBeLessThan(subjects.indexOf(`${to} n°2`));

    // The worker's own line per mail (the audit event of the same change is another line).
    const sentBy = workers.map((w) => w.lines.filter((line) => line.includes('"msg":"courriel"') && line.includes('"status":"sent"')).length);
    expect(sentBy[0]! + sentBy[1]!).toBe(500);
    expect(Math.min(...sentBy)).toBeGreaterThan(0);
    for (const w of workers) w.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
  }, 240_000);
});
