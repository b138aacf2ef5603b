/**
 * The delivery worker: takes due mails from the outbox and hands them to the transport, surviving
 * SMTP outages, restarts and crashes (see outbox-claims.ts for the lease and the at-least-once
 * rule). It wakes every `pollMs`, at once on `wake()` (called after an enqueue in the same
 * process), and after each recorded outcome, since the next mail for that address may wait.
 *
 * It works as a pipeline so the SMTP connections never wait for the database: mails are claimed a
 * batch ahead (at most four times `concurrency` waiting for a send slot), `concurrency` sends run at
 * once, and outcomes are group-committed (outcome-recorder.ts) while the next sends go out.
 *
 * A credentials mail whose passwords a newer activation retired is superseded and never sent. Its
 * passwords are checked when the batch is claimed, a few sends before it goes out; one retired in
 * between still leaves before the newer mail (per-address order), so the last mail received always
 * holds the working password. Content never reaches the logs.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { AuditDeps } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logging.js';
import type { Db } from '../storage/database.js';
import type { ContentSealer } from './content-sealer.js';
import type { DeliveryResult, MailTransport } from './mail-message.js';
import { openContent } from './outbox.js';
import { carriedPasswords, claimDueMails, releaseLeases, renewLeases, type CarriedPasswords, type ClaimedMail } from './outbox-claims.js';
import type { MailOutcome } from './outbox-outcomes.js';
import { outboxStats } from './outbox-status.js';
import { createOutcomeRecorder } from './outcome-recorder.js';
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
  const { concurrency } = options;
  const owner = options.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const lease = { owner, leaseMs: options.leaseMs };
  const recorder = createOutcomeRecorder({ db, clock, logger, audit }, { owner, batch: 8 * concurrency, lingerMs: 50, onCommitted: () => tick(false) });
  /**
   * Mails whose lease this worker holds until their outcome is committed, with the lease's end as
   * last written; renewed while there.
   */
  const held = new Map<number, number>();
  const renewEveryMs = Math.max(250, Math.floor(options.leaseMs / 3));
  const handling = new Set<Promise<void>>();
  /** Claimed, then left unsent because the worker was stopping. */
  const unsent = new Set<number>();
  const slots = createSlots(concurrency);
  const timers: NodeJS.Timeout[] = [];
  let renewal: NodeJS.Timeout | undefined;
  let started = false;
  let stopping = false;
  let claiming: Promise<unknown> | undefined;
  let again = false;

  const outcomeOf = (mail: ClaimedMail, result: DeliveryResult): MailOutcome => {
    if (result.ok) return { status: 'sent', messageId: result.messageId, response: result.response };
    if (result.permanent) return { status: 'failed', error: result.error };
    const next = nextAttemptAt(clock.now(), mail.createdAt, mail.attempts, options.retryWindowMs);
    return next === null ? { status: 'failed', error: result.error } : { status: 'retrying', error: result.error, nextAttemptAt: next };
  };

  const send = async (mail: ClaimedMail): Promise<MailOutcome> => {
    const message = openContent(sealer, mail.sealedContent);
    if (message === null) return { status: 'failed', error: 'contenu illisible : clé de chiffrement changée ou contenu altéré' };
    try {
      return outcomeOf(mail, await transport.send(message));
    } catch (error) {
      return outcomeOf(mail, { ok: false, permanent: false, error: error instanceof Error ? error.message : String(error) });
    }
  };

  // A mail claimed ahead waits for a slot; if renewals failed meanwhile its lease may have run out and
  // another worker may have taken it: then it is not sent from here (it would break per-address order).
  const leaseLeft = (id: number): boolean => (held.get(id) ?? 0) - clock.now() >= renewEveryMs;

  const renew = async (): Promise<void> => {
    const renewed = await renewLeases(db, clock, lease, [...held.keys()]);
    for (const id of renewed.ids) if (held.has(id)) held.set(id, renewed.until);
  };

  const deliver = async ({ mail, carried }: { mail: ClaimedMail; carried: CarriedPasswords }): Promise<void> => {
    try {
      const { identifiants } = carried;
      if (mail.kind === 'credentials' && !carried.live) return await recorder.record({ mail, identifiants, outcome: { status: 'superseded' } });
      await slots.acquire();
      let outcome: MailOutcome | undefined;
      try {
        // Once stopping, a mail still waiting for a slot is not sent; stop() gives it back to the queue.
        if (stopping) unsent.add(mail.id);
        else if (leaseLeft(mail.id)) outcome = await send(mail);
        else logger.warn({ mailId: mail.id }, "courriel : bail échu avant l'envoi, laissé à un autre passage");
      } finally {
        slots.release();
      }
      tick(false);
      if (outcome !== undefined) await recorder.record({ mail, identifiants, outcome });
    } finally {
      held.delete(mail.id);
    }
  };

  /** Claims up to `limit` mails and starts their delivery; returns their deliveries. */
  const claimAndStart = async (limit: number, orphans: boolean): Promise<Promise<void>[]> => {
    if (limit <= 0) return [];
    const leaseEnd = clock.now() + options.leaseMs;
    const mails = await claimDueMails(db, clock, lease, limit, { orphans });
    for (const mail of mails) held.set(mail.id, leaseEnd);
    let carried: Map<number, CarriedPasswords>;
    try {
      carried = await carriedPasswords(db, mails.filter((mail) => mail.kind === 'credentials').map((mail) => mail.id));
    } catch (error) {
      // Not renewed any more: the leases run out and the mails are claimed again.
      for (const mail of mails) held.delete(mail.id);
      throw error;
    }
    return mails.map((mail) => {
      const delivery = deliver({ mail, carried: carried.get(mail.id) ?? { identifiants: [], live: false } });
      handling.add(delivery);
      void delivery.finally(() => handling.delete(delivery));
      return delivery;
    });
  };

  const runOnce = async (): Promise<number> => {
    if (stopping) return 0;
    const deliveries = await claimAndStart(concurrency - slots.busy(), true);
    await Promise.all(deliveries);
    return deliveries.length;
  };

  // Claims again when fewer than `concurrency` mails wait for a slot, up to four times that: the sends
  // never wait for a claim, and each claim takes a batch. Orphaned mails (lease ran out) are looked
  // for when polling; a poll that finds a claim running or the slots busy is carried over, so a
  // backlog cannot keep a crashed worker's mails (and those queued behind them) waiting.
  let orphansAsked = false;
  const tick = (orphans = true) => {
    if (!started || stopping) return;
    orphansAsked ||= orphans;
    if (claiming !== undefined) {
      again = true;
      return;
    }
    const withOrphans = orphansAsked;
    if (!withOrphans && slots.waiting() >= concurrency) return;
    orphansAsked = false;
    claiming = claimAndStart(Math.max(4 * concurrency - slots.waiting(), withOrphans ? concurrency : 0), withOrphans)
      .catch((error: unknown) => {
        logger.error({ err: error }, "file d'envoi : lecture impossible, nouvel essai au prochain passage");
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
      renewal = every(renewEveryMs, renew);
      const statsEveryMs = options.statsEveryMs ?? 60_000;
      if (statsEveryMs > 0) timers.push(every(statsEveryMs, async () => logger.info({ outbox: await outboxStats(db, clock) }, "file d'envoi")));
      logger.info({ owner, concurrency }, "envoi des courriels démarré");
      tick();
    },
    wake: () => tick(false),
    runOnce,
    async stop() {
      stopping = true;
      for (const timer of timers) clearInterval(timer);
      await claiming;
      // Leases keep being renewed until the in-flight sends end (bounded by the transport's timeouts)
      // and their outcomes are committed.
      await Promise.allSettled([...handling]);
      await recorder.settled();
      clearInterval(renewal);
      const released = await releaseLeases(db, clock, owner, [...unsent]);
      logger.info({ owner, released }, 'envoi des courriels arrêté');
    },
  };
  return worker;
}

/** `size` send slots handed out first come, first served. */
function createSlots(size: number) {
  let busy = 0;
  const waiters: (() => void)[] = [];
  return {
    acquire(): Promise<void> {
      if (busy < size) {
        busy += 1;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    /** Hands the slot to the next waiter, if any. */
    release(): void {
      const next = waiters.shift();
      if (next === undefined) busy -= 1;
      else next();
    },
    busy: () => busy,
    waiting: () => waiters.length,
  };
}
