import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../clients/client-repository.js';
import { systemClock, type Clock } from '../clock.js';
import { createLogger } from '../logging.js';
import { simulateActivation } from '../test-support/activation-fixture.js';
import { dumpDatabase } from '../test-support/database-dump.js';
import { dialects, useFreshDatabase } from '../test-support/databases.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { createAesSealer } from './content-sealer-aes.js';
import { createDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker.js';
import { findMail, outboxStats } from './outbox-status.js';
import { createSmtpTransport } from './transports/smtp-transport.js';

const sealer = createAesSealer(randomBytes(32));
const logger = createLogger('silent');
const auditKeyBytes = randomBytes(32);
const options: DeliveryWorkerOptions = { retryWindowMs: 86_400_000, leaseMs: 30_000, concurrency: 4, statsEveryMs: 0 };

describe.each(dialects)('delivery worker on %s', (kind) => {
  const t = useFreshDatabase(kind);
  let sink: SmtpSink;
  const clock = new ManualClock();
  const deps = { clock, sealer };
  let clientCount = 0;

  /** A client file for a new address, and the worker's view of one SMTP URL. */
  const newClient = async (email: string) => {
    clientCount += 1;
    const identifiant = String(2_000_000_000 + clientCount);
    await createClient(t.db, clock, { civility: null, name: `Client ${clientCount}`, email }, identifiant);
    return identifiant;
  };
  const workerFor = (url: string, extra: Partial<DeliveryWorkerOptions> = {}, on: Clock = clock): DeliveryWorker => {
    const settings = { ...options, ...extra };
    const transport = createSmtpTransport({ url: new URL(url), from: 'eGEC <ne-pas-repondre@egec.test>', dkim: undefined, clock: on, connections: settings.concurrency });
    return createDeliveryWorker({ db: t.db, clock: on, transport, sealer, logger, audit: { db: t.db, clock: on, logger, key: auditKeyBytes } }, settings);
  };
  const until = async (done: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 400; i += 1) {
      if (await done()) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`still waiting for ${what}`);
  };
  const receivedBy = (address: string) => sink.messages.filter((m) => m.envelope.to.includes(address));

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
  });

  it('sends a queued mail once, records the server reply, and wipes the content', async () => {
    const identifiant = await newClient('one@example.fr');
    const mail = await simulateActivation(t.db, deps, { identifiant, email: 'one@example.fr', password: 'Pw1-sent' });
    const worker = workerFor(sink.url);
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    const [received] = receivedBy('one@example.fr');
    expect(received?.parsed.text).toContain('Pw1-sent');
    expect(receivedBy('one@example.fr')).toHaveLength(1);
    const found = await findMail(t.db, mail.mailId);
    expect(found).toMatchObject({ status: 'sent', attempts: 1, sentAt: clock.now(), messageId: received?.parsed.messageId, lastError: null });
    expect(found?.smtpResponse).toMatch(/^250 /);
    await worker.stop();
  });

  it('retries 451 twice then delivers exactly once, after 2 s and 5 s', async () => {
    const identifiant = await newClient('busy@example.fr');
    const mail = await simulateActivation(t.db, deps, { identifiant, email: 'busy@example.fr' });
    const worker = workerFor(sink.url);
    sink.failNext(451, 'Greylisted, try again', 2);
    await worker.runOnce();
    expect(await findMail(t.db, mail.mailId)).toMatchObject({ status: 'retrying', attempts: 1, nextAttemptAt: clock.now() + 2_000, lastError: expect.stringContaining('451') });
    clock.advance(1_999);
    expect(await worker.runOnce()).toBe(0);
    clock.advance(1);
    await worker.runOnce();
    expect(await findMail(t.db, mail.mailId)).toMatchObject({ status: 'retrying', attempts: 2, nextAttemptAt: clock.now() + 5_000 });
    clock.advance(5_000);
    await worker.runOnce();
    clock.advance(60_000);
    await worker.runOnce();
    expect(receivedBy('busy@example.fr')).toHaveLength(1);
    expect(receivedBy('busy@example.fr')[0]?.parsed.text).toContain(mail.password);
    expect(await findMail(t.db, mail.mailId)).toMatchObject({ status: 'sent', attempts: 3 });
    await worker.stop();
  });

  it('marks a mail failed at once on 550, with the reason, and never retries it', async () => {
    const identifiant = await newClient('nobody@example.fr');
    const mail = await simulateActivation(t.db, deps, { identifiant, email: 'nobody@example.fr', password: 'Pw3-failed' });
    const worker = workerFor(sink.url);
    sink.failNext(550, 'No such user here', 1);
    await worker.runOnce();
    clock.advance(3_600_000);
    expect(await worker.runOnce()).toBe(0);
    expect(await findMail(t.db, mail.mailId)).toMatchObject({ status: 'failed', attempts: 1, sentAt: null, lastError: expect.stringMatching(/550.*No such user here/) });
    expect(receivedBy('nobody@example.fr')).toHaveLength(0);
    await worker.stop();
  });

  it('gives up after the retry window with the last error', async () => {
    const identifiant = await newClient('later@example.fr');
    const mail = await simulateActivation(t.db, deps, { identifiant, email: 'later@example.fr' });
    const worker = workerFor(sink.url, { retryWindowMs: 10 * 60_000 });
    sink.failNext(421, 'Service not available');
    for (let i = 0; i < 20 && (await findMail(t.db, mail.mailId))?.status !== 'failed'; i += 1) {
      await worker.runOnce();
      clock.advance(60_000);
    }
    sink.acceptAll();
    const found = await findMail(t.db, mail.mailId);
    expect(found).toMatchObject({ status: 'failed', lastError: expect.stringContaining('421') });
    expect(found!.attempts).toBeGreaterThanOrEqual(8);
    expect(receivedBy('later@example.fr')).toHaveLength(0);
    await worker.stop();
  });

  it('does not send a credentials mail whose passwords were retired: superseded, content wiped', async () => {
    const identifiant = await newClient('twice@example.fr');
    const older = await simulateActivation(t.db, deps, { identifiant, email: 'twice@example.fr', password: 'Pw2-superseded' });
    // As if the worker had claimed it just before the newer activation: still pending, password dead.
    await t.db.updateTable('mail').set({ status: 'retrying' }).where('id', '=', older.mailId).execute();
    await t.db.updateTable('password').set({ retired_at: clock.now(), retired_reason: 'superseded' }).where('mail_id', '=', older.mailId).execute();
    const worker = workerFor(sink.url);
    await worker.runOnce();
    expect(await findMail(t.db, older.mailId)).toMatchObject({ status: 'superseded', sentAt: null });
    expect(receivedBy('twice@example.fr')).toHaveLength(0);
    await worker.stop();
  });

  it('keeps no password in clear anywhere in the database, before or after sending', async () => {
    const identifiant = await newClient('dump@example.fr');
    await simulateActivation(t.db, deps, { identifiant, email: 'dump@example.fr', password: 'Pw4-queued' });
    const queuedDump = await dumpDatabase(t);
    expect(queuedDump).toContain('dump@example.fr');
    for (const secret of ['Pw1-sent', 'Pw2-superseded', 'Pw3-failed', 'Pw4-queued']) expect(queuedDump).not.toContain(secret);
    const worker = workerFor(sink.url);
    await worker.runOnce();
    await worker.stop();
    expect(receivedBy('dump@example.fr')[0]?.parsed.text).toContain('Pw4-queued');
    const finals = await t.db.selectFrom('mail').select(['status', 'sealed_content']).execute();
    expect(finals.filter((m) => ['sent', 'failed', 'superseded'].includes(m.status)).every((m) => m.sealed_content === null)).toBe(true);
    const stats = await outboxStats(t.db, clock);
    expect(stats).toMatchObject({ queued: 0, sending: 0, retrying: 0, oldestQueuedAgeMs: 0 });
    expect(stats.sent + stats.failed + stats.superseded).toBe(finals.length);
  });

  it('delivers a mail enqueued while the SMTP server is down once it is back on the same port', async () => {
    const outage = await startSmtpSink();
    const { port, url } = outage;
    await outage.close();
    const identifiant = await newClient('outage@example.fr');
    const mail = await simulateActivation(t.db, deps, { identifiant, email: 'outage@example.fr' });
    const worker = workerFor(url);
    await worker.runOnce();
    const first = await findMail(t.db, mail.mailId);
    expect(first).toMatchObject({ status: 'retrying', lastError: expect.stringMatching(/ECONNREFUSED|ECONNECTION/) });
    clock.advance(2_000);
    await worker.runOnce();
    clock.advance(8_000);
    const back = await startSmtpSink({ port });
    try {
      for (let i = 0; i < 5 && (await findMail(t.db, mail.mailId))?.status !== 'sent'; i += 1) {
        clock.advance(5_000);
        await worker.runOnce();
      }
      expect(back.messages).toHaveLength(1);
      expect(back.messages[0]?.parsed.text).toContain(mail.password);
      const sent = await findMail(t.db, mail.mailId);
      expect(sent?.status).toBe('sent');
      expect(sent!.sentAt! - sent!.createdAt).toBeLessThan(5 * 60_000);
    } finally {
      await worker.stop();
      await back.close();
    }
  });

  it('in a burst of five activations for one address, the last mail received holds the live password', async () => {
    const identifiant = await newClient('burst@example.fr');
    const worker = workerFor(sink.url, { pollMs: 20 });
    worker.start();
    try {
      for (let i = 1; i <= 5; i += 1) {
        await simulateActivation(t.db, deps, { identifiant, email: 'burst@example.fr', password: `Burst-${i}` });
        worker.wake();
      }
      const pending = async () => {
        const stats = await outboxStats(t.db, clock);
        return stats.queued + stats.sending + stats.retrying;
      };
      for (let i = 0; i < 200 && (await pending()) > 0; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      await worker.stop();
    }
    const received = receivedBy('burst@example.fr').map((m) => /Mot de passe : (\S+)/.exec(m.parsed.text ?? '')?.[1]);
    const live = await t.db.selectFrom('password').select('mail_id').where('identifiant', '=', identifiant).where('retired_at', 'is', null).execute();
    expect(live).toHaveLength(1);
    expect(received.at(-1)).toBe('Burst-5');
    expect(await findMail(t.db, live[0]!.mail_id!)).toMatchObject({ status: 'sent', sequence: 5 });
    // Received in enqueue order, each at most once: nothing older can land after the live one.
    const order = received.map((p) => Number(p?.slice(6)));
    expect(order).toEqual([...new Set(order)].sort((a, b) => a - b));
  });

  it('stops cleanly: the send in flight ends and is recorded, the mails claimed ahead go back to the queue untried', async () => {
    const emails = Array.from({ length: 6 }, (_, i) => `stop${i}@example.fr`);
    const mailIds: number[] = [];
    for (const email of emails) mailIds.push((await simulateActivation(t.db, deps, { identifiant: await newClient(email), email })).mailId);
    sink.answerAfter(300);
    const worker = workerFor(sink.url, { concurrency: 1, pollMs: 60_000 });
    try {
      worker.start();
      // One send at a time, a batch claimed ahead: stop while it holds more mails than it sends.
      for (let i = 0; i < 200 && (await outboxStats(t.db, clock)).sending < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
      await worker.stop();
    } finally {
      sink.answerAfter(0);
    }
    const rows = await Promise.all(mailIds.map(async (id) => (await findMail(t.db, id))!));
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'queued').map((r) => r.attempts)).toEqual([0, 0, 0, 0, 0]);
    expect(emails.flatMap((email) => receivedBy(email))).toHaveLength(1);
    const next = workerFor(sink.url);
    while ((await next.runOnce()) > 0);
    await next.stop();
    for (const email of emails) expect(receivedBy(email)).toHaveLength(1);
  });

  it('does not send a mail claimed ahead once its lease has run out while it waited: it is left to the next claim', async () => {
    const emails = ['late0@example.fr', 'late1@example.fr', 'late2@example.fr'];
    for (const email of emails) await simulateActivation(t.db, deps, { identifiant: await newClient(email), email });
    sink.answerAfter(300);
    const worker = workerFor(sink.url, { concurrency: 1, pollMs: 60_000 });
    try {
      worker.start();
      await until(async () => (await outboxStats(t.db, clock)).sending === 3, 'three mails claimed');
      // Renewals failed meanwhile, as far as this worker can tell: its leases are over.
      clock.advance(options.leaseMs + 1);
      await sink.waitForMessages(sink.messages.length + 1);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(emails.map((email) => receivedBy(email).length)).toEqual([1, 0, 0]);
    } finally {
      sink.answerAfter(0);
      await worker.stop();
    }
    const next = workerFor(sink.url);
    while ((await next.runOnce()) > 0);
    await next.stop();
    expect(emails.map((email) => receivedBy(email).length)).toEqual([1, 1, 1]);
  });

  it('claims a crashed worker\'s mail at the next poll even while a backlog keeps it busy', async () => {
    const orphan = await simulateActivation(t.db, deps, { identifiant: await newClient('orphan@example.fr'), email: 'orphan@example.fr' });
    await t.db.updateTable('mail').set({ status: 'sending', lease_owner: 'crashed', lease_until: Date.now() + 300 }).where('id', '=', orphan.mailId).execute();
    const backlog: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const email = `backlog${i}@example.fr`;
      backlog.push((await simulateActivation(t.db, deps, { identifiant: await newClient(email), email })).mailId);
    }
    sink.answerAfter(40);
    const worker = workerFor(sink.url, { concurrency: 1, pollMs: 100 }, systemClock);
    try {
      worker.start();
      await until(async () => (await findMail(t.db, orphan.mailId))?.status === 'sent', 'the orphaned mail sent');
      const sent = await t.db.selectFrom('mail').select('id').where('id', 'in', backlog).where('status', '=', 'sent').execute();
      expect(sent.length).toBeLessThan(30);
      const pending = async () => (await t.db.selectFrom('mail').select('id').where('id', 'in', backlog).where('status', '!=', 'sent').execute()).length;
      await until(async () => (await pending()) === 0, 'the backlog drained');
    } finally {
      sink.answerAfter(0);
      await worker.stop();
    }
  });

  it('audits every status it records (retrying, sent, failed, superseded), tied to the client file, never the content', async () => {
    const statusesOf = async (mailId: number) => {
      const rows = await t.db.selectFrom('audit_event').selectAll().where('type', '=', 'mail.status').orderBy('id').execute();
      return rows
        .map((row) => ({ identifiant: row.identifiant, detail: JSON.parse(row.detail) as { mailId: number; status: string; error?: string } }))
        .filter((row) => row.detail.mailId === mailId)
        .map((row) => [row.identifiant, row.detail.status, row.detail.error ?? null]);
    };
    const worker = workerFor(sink.url);
    const late = await newClient('audit-late@example.fr');
    const delayed = await simulateActivation(t.db, deps, { identifiant: late, email: 'audit-late@example.fr', password: 'Pw-audit-1' });
    sink.failNext(451, 'Greylisted, try again', 1);
    await worker.runOnce();
    clock.advance(2_000);
    await worker.runOnce();
    expect(await statusesOf(delayed.mailId)).toEqual([
      [late, 'retrying', expect.stringContaining('451')],
      [late, 'sent', null],
    ]);

    const refused = await newClient('audit-refused@example.fr');
    const bounced = await simulateActivation(t.db, deps, { identifiant: refused, email: 'audit-refused@example.fr' });
    sink.failNext(550, 'No such user here', 1);
    await worker.runOnce();
    expect(await statusesOf(bounced.mailId)).toEqual([[refused, 'failed', expect.stringContaining('550')]]);

    const replaced = await newClient('audit-replaced@example.fr');
    const older = await simulateActivation(t.db, deps, { identifiant: replaced, email: 'audit-replaced@example.fr' });
    await t.db.updateTable('password').set({ retired_at: clock.now(), retired_reason: 'superseded' }).where('mail_id', '=', older.mailId).execute();
    await worker.runOnce();
    expect(await statusesOf(older.mailId)).toEqual([[replaced, 'superseded', null]]);

    const audit = JSON.stringify(await t.db.selectFrom('audit_event').selectAll().execute());
    expect(audit).not.toContain('Pw-audit-1');
    await worker.stop();
  });
});
