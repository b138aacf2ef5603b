/**
 * Housekeeping inside `egec serve`: at start, then every hour, delete what has
 * outlived its purpose — audit events past EGEC_AUDIT_RETENTION, and database rate-limit counters
 * whose window has ended (activation counts every typed address, so the table would otherwise keep
 * a row per address ever tried; Redis keys expire by themselves). A one-machine install needs no
 * cron for it; with several instances each one runs it, which is harmless (idempotent deletes).
 * `egec audit purge` and `egec limits purge` do the same by hand. A failed pass (database down) is
 * logged and retried at the next hour; it never stops the service.
 */
import { purgeAudit } from '../audit/audit-query.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logging.js';
import { purgeRateCounters } from '../security/rate-counter-database.js';
import type { Db } from '../storage/database.js';

export const HOUSEKEEPING_EVERY_MS = 3_600_000;

export interface HousekeepingDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly auditRetentionMs: number;
}

export interface HousekeepingPass {
  readonly auditEvents: number;
  readonly rateCounters: number;
}

export async function runHousekeeping({ db, clock, auditRetentionMs }: HousekeepingDeps): Promise<HousekeepingPass> {
  return {
    auditEvents: await purgeAudit(db, clock, auditRetentionMs),
    rateCounters: await purgeRateCounters(db, clock),
  };
}

export interface Housekeeping {
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

export function startHousekeeping(deps: HousekeepingDeps, everyMs = HOUSEKEEPING_EVERY_MS): Housekeeping {
  let running: Promise<void> = Promise.resolve();
  const pass = () => {
    running = runHousekeeping(deps).then(
      (done) => deps.logger.info(done, 'ménage fait : anciens événements du journal et compteurs expirés supprimés'),
      (error: unknown) => deps.logger.error({ err: error }, 'ménage impossible, nouvel essai dans une heure'),
    );
  };
  pass();
  const timer = setInterval(pass, everyMs).unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
