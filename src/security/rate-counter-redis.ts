/**
 * Rate-limit counters in Redis (EGEC_REDIS_URL), shared by every instance: rate-limiter-flexible's
 * RateLimiterRedis counts with one Lua script (INCR + expiry), so parallel attempts are exact.
 * Windows are Redis TTLs: real time, whole seconds.
 */
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateCounters, RateOutcome } from './rate-limits.js';

export function redisRateCounters(url: URL, prefix: string): RateCounters {
  // Fail fast while Redis is away rather than queueing attempts for a long time.
  const redis = new Redis(url.toString(), { maxRetriesPerRequest: 1, connectTimeout: 5_000 });
  redis.on('error', () => {});
  return {
    limiter: (bucket, rule) => {
      const store = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}:${bucket}`,
        points: rule.points,
        duration: Math.max(1, Math.round(rule.windowMs / 1000)),
      });
      return {
        check: async (key) => {
          const res = await store.get(key);
          return res === null || res.consumedPoints < rule.points ? { allowed: true } : refused(res);
        },
        consume: async (key) => {
          try {
            await store.consume(key);
            return { allowed: true };
          } catch (error) {
            if (error instanceof RateLimiterRes) return refused(error);
            throw error;
          }
        },
      };
    },
    close: async () => {
      await redis.quit();
    },
  };
}

function refused(res: RateLimiterRes): RateOutcome {
  return { allowed: false, retryAfterMs: Math.max(1, res.msBeforeNext) };
}
