/**
 * Rate limits on what an attacker can repeat cheaply: activation requests per registered email and
 * per IP address, login attempts per IP address (ASVS V6.3.1; CNIL 2022 for short passwords).
 *
 * Counters are shared by every eGEC instance and survive restarts: in Redis when EGEC_REDIS_URL
 * is set, otherwise in the database; never in one process's memory. Windows are fixed: at most
 * `points` attempts until the window that the first attempt opened ends.
 *
 * Callers check before doing work and consume when the attempt counts:
 *   const limited = await limits.activationPerIp.consume(ip);
 *   if (!limited.allowed) return refuse(limited.retryAfterMs);
 * Keys are hashed (SHA-256) before they reach the store: no email or address lies there in clear.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Config, RateRule } from '../config.js';
import type { Db } from '../storage/database.js';
import { databaseRateCounters } from './rate-counter-database.js';
import { redisRateCounters } from './rate-counter-redis.js';

export type RateOutcome = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/** One rule applied to many keys (emails, IP addresses). */
export interface RateLimiter {
  /** Would one more attempt be allowed now? Counts nothing. */
  check(key: string): Promise<RateOutcome>;
  /** Counts one attempt; refused (and still counted) once the window's attempts are spent. */
  consume(key: string): Promise<RateOutcome>;
}

/** Where counters live. Backend errors (Redis or database down) are thrown, not turned into outcomes. */
export interface RateCounters {
  limiter(bucket: string, rule: RateRule): RateLimiter;
  /** Releases what the counters opened themselves (the Redis connection); never the database. */
  close(): Promise<void>;
}

export interface RateLimits {
  /** Pass the normalised (trimmed, lower-cased) email of a registered client file. */
  readonly activationPerEmail: RateLimiter;
  readonly activationPerIp: RateLimiter;
  readonly loginPerIp: RateLimiter;
}

export interface RateCountersOptions {
  readonly redisUrl: URL | undefined;
  readonly db: Db;
  readonly clock: Clock;
  /** Redis key prefix; lets several eGEC installations (or test runs) share one Redis. */
  readonly redisPrefix?: string;
}

export function openRateCounters({ redisUrl, db, clock, redisPrefix = 'egec:rl' }: RateCountersOptions): RateCounters {
  return redisUrl === undefined ? databaseRateCounters(db, clock) : redisRateCounters(redisUrl, redisPrefix);
}

export function rateLimits(counters: RateCounters, rules: Config['limits']): RateLimits {
  return {
    activationPerEmail: hashingKeys(counters.limiter('activation-email', rules.activationPerEmail)),
    activationPerIp: hashingKeys(counters.limiter('activation-ip', rules.activationPerIp)),
    loginPerIp: hashingKeys(counters.limiter('login-ip', rules.loginPerIp)),
  };
}

function hashingKeys(limiter: RateLimiter): RateLimiter {
  const hash = (key: string) => createHash('sha256').update(key, 'utf8').digest('base64url');
  return {
    check: (key) => limiter.check(hash(key)),
    consume: (key) => limiter.consume(hash(key)),
  };
}
