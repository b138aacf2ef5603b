/** The Redis server for tests (`EGEC_TEST_REDIS_URL`, default 127.0.0.1:6379), keys under a prefix unique to each run. */
import { randomBytes } from 'node:crypto';

export const testRedisUrl = new URL(process.env.EGEC_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

export function uniqueRedisPrefix(): string {
  return `egec-test:${randomBytes(6).toString('hex')}`;
}
