/**
 * Rate-limit counters in our own table, one atomic upsert per attempt (SQLite and PostgreSQL).
 *
 * Why not rate-limiter-flexible's RateLimiterSQLite / RateLimiterPostgres: they read Date.now()
 * (our tests drive time with a Clock), create their tables at run time outside the migration set,
 * and need the raw driver handles rather than the Kysely instance every other module receives.
 * The counting itself is one statement, so parallel attempts from any number of instances never
 * get past the limit.
 */
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { RateRule } from '../config.js';
import type { Db } from '../storage/database.js';
import type { RateCounters, RateOutcome } from './rate-limits.js';

export function databaseRateCounters(db: Db, clock: Clock): RateCounters {
  return {
    limiter: (bucket, rule) => ({
      check: async (key) => {
        const now = clock.now();
        const row = await db
          .selectFrom('rate_counter')
          .select(['points', 'window_ends_at'])
          .where('bucket', '=', bucket)
          .where('key', '=', key)
          .executeTakeFirst();
        if (row === undefined || row.window_ends_at <= now) return { allowed: true };
        return outcome(row.points < rule.points, row.window_ends_at, now);
      },
      consume: async (key) => {
        const now = clock.now();
        const ends = now + rule.windowMs;
        const row = await db
          .insertInto('rate_counter')
          .values({ bucket, key, points: 1, window_ends_at: ends })
          .onConflict((oc) =>
            oc.columns(['bucket', 'key']).doUpdateSet({
              points: sql`case when rate_counter.window_ends_at <= ${now} then 1 else rate_counter.points + 1 end`,
              window_ends_at: sql`case when rate_counter.window_ends_at <= ${now} then ${ends} else rate_counter.window_ends_at end`,
            }),
          )
          .returning(['points', 'window_ends_at'])
          .executeTakeFirstOrThrow();
        return outcome(row.points <= rule.points, Number(row.window_ends_at), now);
      },
    }),
    close: async () => {},
  };
}

function outcome(allowed: boolean, windowEndsAt: number, now: number): RateOutcome {
  return allowed ? { allowed: true } : { allowed: false, retryAfterMs: windowEndsAt - now };
}

/** Deletes counters whose window has ended; to be run now and then (e.g. hourly by the worker). */
export async function purgeRateCounters(db: Db, clock: Clock): Promise<number> {
  const result = await db.deleteFrom('rate_counter').where('window_ends_at', '<=', clock.now()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
