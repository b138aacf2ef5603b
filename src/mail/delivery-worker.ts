/**
 * The delivery worker: takes due mails from the outbox and hands them to the transport, a few at
 * a time, surviving SMTP outages, restarts and crashes (see outbox-claims.ts for the lease and the
 * at-least-once rule). It wakes every `pollMs` and at once on `wake()` (called after an enqueue in
 * the same process), and after each finished mail, since the next mail for that address may wait.
 *
 * Before a credentials mail goes out, its passwords must still be live: if a newer activation has
 * retired them, the mail is superseded and never sent, so no mail with a dead password arrives
 * after the one that works. Content never reaches the logs. Each recorded outcome (sent, retrying,
 * failed, superseded) is audited in the same transaction (`mail.status`).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { AuditDeps } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logging.js';
import type { Db } from '../storage/database.js';
import type { ContentSealer } from './content-sealer.js';
import { auditMailStatus } from './mail-audit.js';
import type { DeliveryResult, MailTransport } from './mail-message.js';
import { openContent } from './outbox.js';
import { claimDueMails, hasLivePasswords, recordOutcome, releaseLeases, renewLeases, type ClaimedMail, type MailOutcome } from './outbox-claims.js';
import { outboxStats } from './outbox-status.js';
import { nextAttemptAt } from './retry-schedule.js';

export interface DeliveryWorkerDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly transport: MailTransport;
  readonly sealer: ContentSealer;
  readonly logger: Logger;
  readonly audit: AuditDeps;
}

export interface DeliveryWorkerOptions {
  readonly retryWindowMs: number;
  readonly leaseMs: number;
  /** Mails in flight at once (always to distinct addresses). */
  readonly concurrency: number;
  readonly pollMs?: number;
  /** How often outbox counts are logged; 0 = never. */
  readonly statsEveryMs?: number;
  /** Lease owner id; default host, pid and a random part. */
  readonly owner?: string;
}

export interface DeliveryWorker {
  readonly owner: string;
  /** Starts polling. */
  start(): void;
  /** Looks for due mails now (after an enqueue). */
  wake(): void;
  /** Claims what is due now and delivers it; resolves with the number of mails handled (tests, CLI). */
  runOnce(): Promise<number>;
  /** Stops claiming, lets in-flight sends finish, releases what is still leased. */
  stop(): Promise<void>;
}

export function createDeliveryWorker(deps: DeliveryWorkerDeps, options: DeliveryWorkerOptions): DeliveryWorker {
  const { db, clock, transport, sealer, logger, audit } = deps;
  const owner = options.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const lease = { owner, leaseMs: options.leaseMs };
  const inFlight = new Map<number, Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  let renewal: NodeJS.Timeout | undefined;
  let started = false;
  let stopping = false;
  let claiming: Promise<number> | undefined;
  let again = false;

  const outcomeOf = (mail: ClaimedMail, result: DeliveryResult): MailOutcome => {
    if (result.ok) return { status: 'sent', messageId: result.messageId, response: result.response };
    if (result.permanent) return { status: 'failed', error: result.error };
    const next = nextAttemptAt(clock.now(), mail.createdAt, mail.attempts, options.retryWindowMs);
    return next === null ? { status: 'failed', error: result.error } : { status: 'retrying', error: result.error, nextAttemptAt: next };
  };

  const decide = async (mail: ClaimedMail): Promise<MailOutcome> => {
    if (mail.kind === 'credentials' && !(await hasLivePasswords(db, mail.id))) return { status: 'superseded' };
    const message = openContent(sealer, mail.sealedContent);
    if (message === null) return { status: 'failed', error: 'contenu illisible : clé de chiffrement changée ou contenu altéré' };
    try {
      return outcomeOf(mail, await transport.send(message));
    } catch (error) {
      return outcomeOf(mail, { ok: false, permanent: false, error: error instanceof Error ? error.message : String(error) });
    }
  };

  const deliver = async (mail: ClaimedMail): Promise<void> => {
    try {
      const outcome = await decide(mail);
      const error = 'error' in outcome ? outcome.error : undefined;
      const recorded = await db.transaction().execute(async (tx) => {
        const written = await recordOutcome(tx, clock, owner, mail.id, outcome);
        if (written) await auditMailStatus({ ...audit, db: tx }, mail.id, outcome.status, error);
        return written;
      });
      const level = outcome.status === 'failed' ? 'warn' : 'info';
      logger[level]({ mailId: mail.id, status: outcome.status, attempts: mail.attempts, error, recorded }, 'courriel');
    } catch (error) {
      // The database failed: the lease runs out and the mail is tried again (at-least-once).
      logger.error({ mailId: mail.id, err: error }, "courriel : état non enregistré, nouvel essai à l'expiration du bail");
    }
  };

  const claimAndStart = async (orphans = true): Promise<Promise<void>[]> => {
    const mails = await claimDueMails(db, clock, lease, options.concurrency - inFlight.size, { orphans });
    return mails.map((mail) => {
      const running = deliver(mail).finally(() => {
        inFlight.delete(mail.id);
        tick(false);
      });
      inFlight.set(mail.id, running);
      return running;
    });
  };

  const runOnce = async (): Promise<number> => {
    if (stopping) return 0;
    const started = await claimAndStart();
    await Promise.all(started);
    return started.length;
  };

  // Orphaned mails (lease ran out) are looked for when polling, not after every finished mail.
  const tick = (orphans = true) => {
    if (!started || stopping) return;
    if (claiming !== undefined) {
      again = true;
      return;
    }
    claiming = claimAndStart(orphans)
      .then((started) => started.length)
      .catch((error: unknown) => {
        logger.error({ err: error }, "file d'envoi : lecture impossible, nouvel essai au prochain passage");
        return 0;
      })
      .finally(() => {
        claiming = undefined;
        if (again) {
          again = false;
          tick(false);
        }
      });
  };

  const every = (ms: number, run: () => Promise<unknown> | void): NodeJS.Timeout =>
    setInterval(() => {
      Promise.resolve(run()).catch((error: unknown) => logger.warn({ err: error }, "file d'envoi"));
    }, ms);

  const worker: DeliveryWorker = {
    owner,
    start() {
      if (started) return;
      started = true;
      timers.push(every(options.pollMs ?? 1_000, () => tick()));
      renewal = every(Math.max(250, Math.floor(options.leaseMs / 3)), () => renewLeases(db, clock, lease, [...inFlight.keys()]));
      const statsEveryMs = options.statsEveryMs ?? 60_000;
      if (statsEveryMs > 0) timers.push(every(statsEveryMs, async () => logger.info({ outbox: await outboxStats(db, clock) }, "file d'envoi")));
      logger.info({ owner, concurrency: options.concurrency }, "envoi des courriels démarré");
      tick();
    },
    wake: () => tick(false),
    runOnce,
    async stop() {
      stopping = true;
      for (const timer of timers) clearInterval(timer);
      await claiming;
      // Leases keep being renewed until the in-flight sends end (bounded by the transport's timeouts).
      await Promise.allSettled([...inFlight.values()]);
      clearInterval(renewal);
      const released = await releaseLeases(db, clock, owner);
      logger.info({ owner, released }, 'envoi des courriels arrêté');
    },
  };
  return worker;
}
