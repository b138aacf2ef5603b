/**
 * Mail drain: how fast one delivery worker empties the outbox into a local SMTP sink, compared with
 * Nodemailer sending the same mails straight to the same sink with no database, in the same run.
 * The worker pays for claiming, lease, per-address order, the check that each mail's password is
 * still live, and recording each outcome with its audit row; the ratio says what that durability
 * costs. The queued mails are credentials mails, each tied to a client file's password as an
 * activation leaves them. Rounds alternate the two sides so drift (JIT, GC, the other processes
 * on the machine) falls on both; each side reports its median round. Targets: ≥ 200 mails/s and
 * ratio ≥ 0.8.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { pathToFileURL } from 'node:url';
import { systemClock } from '../src/clock.js';
import { createLogger } from '../src/logging.js';
import { createAesSealer } from '../src/mail/content-sealer-aes.js';
import type { ContentSealer } from '../src/mail/content-sealer.js';
import { createDeliveryWorker } from '../src/mail/delivery-worker.js';
import type { MailMessage } from '../src/mail/mail-message.js';
import { enqueueMail } from '../src/mail/outbox.js';
import { outboxStats } from '../src/mail/outbox-status.js';
import { createSmtpTransport } from '../src/mail/transports/smtp-transport.js';
import type { Db } from '../src/storage/database.js';
import { freshDatabase, type TestDialect } from '../src/test-support/databases.js';
import { startSmtpSink, type SmtpSink } from '../src/test-support/smtp-sink.js';

// eGEC's defaults: EGEC_MAIL_CONCURRENCY mails in flight over EGEC_SMTP_CONNECTIONS connections.
const CONCURRENCY = 4;
const CONNECTIONS = 2;
const ROUNDS = 5;
const FROM = 'eGEC <ne-pas-repondre@egec.test>';

export interface MailDrainResult {
  readonly dialect: TestDialect;
  readonly mails: number;
  readonly directPerSecond: number;
  readonly workerPerSecond: number;
  readonly ratio: number;
}

const messages = (run: string, mails: number): MailMessage[] =>
  Array.from({ length: mails }, (_, i) => ({
    to: `client${i}@example.fr`,
    subject: `eGEC ${run} n°${i}`,
    text: `Identifiant : ${String(1_000_000_000 + i)}\nMot de passe : ${randomBytes(6).toString('base64url')}\n`,
    html: `<p>Identifiant : ${1_000_000_000 + i}</p>`,
  }));

/** Nodemailer alone: the same pooled transport, CONCURRENCY sends in flight. */
async function direct(sink: SmtpSink, mails: number): Promise<number> {
  const transport = createSmtpTransport({ url: new URL(sink.url), from: FROM, dkim: undefined, clock: systemClock, connections: CONNECTIONS });
  const queue = messages('direct', mails);
  const before = sink.messages.length;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
        const result = await transport.send(m);
        if (!result.ok) throw new Error(result.error);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await transport.close();
  if (sink.messages.length - before !== mails) throw new Error('direct: mails missing at the sink');
  return mails / seconds;
}

/** One worker draining `mails` queued credentials mails (enqueued before the clock starts). */
async function worker(sink: SmtpSink, dialect: TestDialect, mails: number): Promise<number> {
  const t = await freshDatabase(dialect);
  try {
    const sealer = createAesSealer(randomBytes(32));
    await enqueueCredentials(t.db, sealer, messages(`worker-${dialect}`, mails));
    await settle(t.db, dialect);
    const transport = createSmtpTransport({ url: new URL(sink.url), from: FROM, dkim: undefined, clock: systemClock, connections: CONNECTIONS });
    const options = { retryWindowMs: 86_400_000, leaseMs: 30_000, concurrency: CONCURRENCY, statsEveryMs: 0 };
    const logger = createLogger('silent');
    const audit = { db: t.db, clock: systemClock, logger, key: randomBytes(32) };
    const drain = createDeliveryWorker({ db: t.db, clock: systemClock, transport, sealer, logger, audit }, options);
    const target = sink.messages.length + mails;
    const started = performance.now();
    drain.start();
    await sink.waitForMessages(target, 120_000);
    while ((await outboxStats(t.db, systemClock)).sent < mails) await new Promise((resolve) => setTimeout(resolve, 2));
    const seconds = (performance.now() - started) / 1000;
    await drain.stop();
    await transport.close();
    return mails / seconds;
  } finally {
    await t.destroy();
  }
}

/** As activations leave them: a client file per address, its password row tied to the queued mail. */
async function enqueueCredentials(db: Db, sealer: ContentSealer, batch: readonly MailMessage[]): Promise<void> {
  const now = systemClock.now();
  await db.transaction().execute(async (tx) => {
    for (const [i, message] of batch.entries()) {
      const identifiant = String(1_000_000_000 + i);
      const client = { identifiant, civility: null, name: `Client ${i}`, email: message.to, email_normalized: message.to, status: 'active' as const };
      await tx.insertInto('client').values({ ...client, name_key: `client ${i}`, created_at: now, updated_at: now }).execute();
      const { id } = await enqueueMail(tx, { clock: systemClock, sealer }, { kind: 'credentials', recipient: message.to, sequence: 1, message });
      await tx.insertInto('password').values({ identifiant, hash: 'bench', mail_id: id, issued_at: now }).execute();
    }
  });
}

/**
 * Starts each round from the state a running database is in: statistics on the freshly filled
 * tables (so the planner picks the plans it would in production) and the bulk load's WAL
 * checkpointed (so a checkpoint or autovacuum it triggers does not land inside the timed drain).
 */
async function settle(db: Db, dialect: TestDialect): Promise<void> {
  await sql`analyze`.execute(db);
  await (dialect === 'postgres' ? sql`checkpoint` : sql`pragma wal_checkpoint(truncate)`).execute(db);
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(dialects: readonly TestDialect[] = ['sqlite', 'postgres'], mails = 1_000): Promise<MailDrainResult[]> {
  const sink = await startSmtpSink();
  const results: MailDrainResult[] = [];
  try {
    for (const dialect of dialects) {
      // Warm-up: connections, JIT, the sink's parser.
      await direct(sink, mails);
      const directRounds: number[] = [];
      const workerRounds: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        directRounds.push(await direct(sink, mails));
        workerRounds.push(await worker(sink, dialect, mails));
      }
      const directPerSecond = median(directRounds);
      const workerPerSecond = median(workerRounds);
      const result = { dialect, mails, directPerSecond, workerPerSecond, ratio: workerPerSecond / directPerSecond };
      results.push(result);
      console.log(
        `mail-drain ${dialect}: worker ${workerPerSecond.toFixed(0)} mails/s, Nodemailer direct ${directPerSecond.toFixed(0)} mails/s, ratio ${result.ratio.toFixed(2)}` +
          ` (targets ≥ 200 mails/s, ratio ≥ 0.8: ${workerPerSecond >= 200 && result.ratio >= 0.8 ? 'met' : 'NOT met'});` +
          ` rounds: worker ${workerRounds.map((v) => v.toFixed(0)).join(' ')}, direct ${directRounds.map((v) => v.toFixed(0)).join(' ')}`,
      );
    }
  } finally {
    await sink.close();
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
