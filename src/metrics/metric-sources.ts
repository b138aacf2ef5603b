/**
 * What `/metrics` reads from the database at scrape time: the outbox (depth by status, age of the
 * oldest mail still waiting) and the client files locked right now. Read from the shared database
 * rather than counted in memory, so every instance reports the same truth.
 */
import type { Clock } from '../clock.js';
import { MAX_CONSECUTIVE_FAILURES } from '../login/account-lock.js';
import { outboxStats } from '../mail/outbox-status.js';
import type { Db } from '../storage/database.js';
import type { MetricSources } from './metrics.js';

export function databaseMetricSources(db: Db, clock: Clock): MetricSources {
  return {
    outbox: () => outboxStats(db, clock),
    lockedAccounts: async () => {
      const row = await db
        .selectFrom('login_lock')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where((eb) => eb.or([eb('failures', '>=', MAX_CONSECUTIVE_FAILURES), eb('locked_until', '>', clock.now())]))
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },
  };
}
