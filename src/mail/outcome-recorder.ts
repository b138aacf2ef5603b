/**
 * Group commit of delivery outcomes. Sends that end while a commit is running wait for the next
 * one, so a busy worker records many mails per transaction instead of paying a commit per mail;
 * an idle one commits each outcome at once. Each outcome is written with its audit row in the
 * same transaction, and only while the worker still holds the mail's lease (see outbox-claims.ts).
 *
 * Nothing is acknowledged before its commit: if the process dies with outcomes still waiting,
 * their leases run out and the mails are sent again (at-least-once, as a crash after sending).
 */
import { auditAfterCommit, recordAudits, type AuditDeps } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logging.js';
import type { Db } from '../storage/database.js';
import { mailStatusEvent } from './mail-audit.js';
import type { ClaimedMail } from './outbox-claims.js';
import { outcomeError, recordOutcomes, type MailOutcome } from './outbox-outcomes.js';

export interface DeliveryOutcome {
  readonly mail: ClaimedMail;
  /** The files whose passwords the mail carries, for the audit row. */
  readonly identifiants: readonly string[];
  readonly outcome: MailOutcome;
}

export interface OutcomeRecorder {
  /** Resolves once the outcome is committed, or once its commit failed (logged; the lease then runs out). */
  record(outcome: DeliveryOutcome): Promise<void>;
  /** Resolves when every outcome handed in so far is settled. */
  settled(): Promise<void>;
}

export interface OutcomeRecorderDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly audit: AuditDeps;
}

export interface OutcomeRecorderOptions {
  /** The worker whose leases the outcomes are written under. */
  readonly owner: string;
  /** As many waiting outcomes are committed at once; fewer linger up to `lingerMs` for others. */
  readonly batch: number;
  readonly lingerMs: number;
  /** Runs after each commit: the next mail of a recorded address may now be due. */
  readonly onCommitted: () => void;
}

export function createOutcomeRecorder(deps: OutcomeRecorderDeps, options: OutcomeRecorderOptions): OutcomeRecorder {
  const { owner, onCommitted } = options;
  const { db, clock, logger, audit } = deps;
  let waiting: { outcome: DeliveryOutcome; done: () => void }[] = [];
  let committing: Promise<void> | undefined;

  const commit = async (batch: readonly DeliveryOutcome[]): Promise<void> => {
    try {
      const audited = auditAfterCommit(audit);
      const recorded = await db.transaction().execute(async (tx) => {
        const ids = await recordOutcomes(tx, clock, owner, batch.map((item) => ({ id: item.mail.id, outcome: item.outcome })));
        const written = batch.filter((item) => ids.has(item.mail.id));
        const events = written.map(({ mail, outcome, identifiants }) => mailStatusEvent(mail.id, outcome.status, identifiants, outcomeError(outcome)));
        await recordAudits(audited.within(tx), events);
        return ids;
      });
      audited.publish();
      for (const { mail, outcome } of batch) {
        const level = outcome.status === 'failed' ? 'warn' : 'info';
        logger[level]({ mailId: mail.id, status: outcome.status, attempts: mail.attempts, error: outcomeError(outcome), recorded: recorded.has(mail.id) }, 'courriel');
      }
    } catch (error) {
      // The database failed: the leases run out and the mails are tried again (at-least-once).
      logger.error({ mailIds: batch.map((item) => item.mail.id), err: error }, "courriel : état non enregistré, nouvel essai à l'expiration du bail");
    }
  };

  const commitWaiting = async (): Promise<void> => {
    const batch = waiting;
    waiting = [];
    await commit(batch.map((item) => item.outcome));
    for (const item of batch) item.done();
    onCommitted();
  };

  // One commit at a time; what arrives meanwhile goes into the next. A small batch lingers a few
  // milliseconds for others (the sends in flight end about then), so a busy worker commits batches.
  let lingering: NodeJS.Timeout | undefined;
  const commitNow = (): void => {
    clearTimeout(lingering);
    lingering = undefined;
    if (committing !== undefined || waiting.length === 0) return;
    committing = commitWaiting().finally(() => {
      committing = undefined;
      kick();
    });
  };
  const kick = (): void => {
    if (committing !== undefined || waiting.length === 0) return;
    if (waiting.length >= options.batch) commitNow();
    else lingering ??= setTimeout(commitNow, options.lingerMs);
  };

  return {
    record(outcome) {
      const recorded = new Promise<void>((resolve) => waiting.push({ outcome, done: resolve }));
      kick();
      return recorded;
    },
    async settled() {
      while (committing !== undefined || waiting.length > 0) {
        commitNow();
        await committing;
      }
    },
  };
}
