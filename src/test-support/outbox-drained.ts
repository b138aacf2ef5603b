/**
 * Waits until the mail worker has nothing left to send, so the outbox does not move under a
 * comparison — and before a test moves a manual clock past the lease of a mail still being
 * recorded as sent, which the worker would rightly send again (at-least-once).
 */
import type { Clock } from '../clock.js';
import { outboxStats } from '../mail/outbox-status.js';
import type { Db } from '../storage/database.js';

export async function outboxDrained(db: Db, clock: Clock, timeoutMs = 10_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
    const stats = await outboxStats(db, clock);
    if (stats.queued + stats.sending + stats.retrying === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the outbox was not drained in time');
}
