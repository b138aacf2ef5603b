/**
 * `Authorization: Bearer <EGEC_METRICS_TOKEN>` for `/metrics`. Compared through SHA-256 digests
 * with timingSafeEqual, so neither the length nor a prefix of the token leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function hasBearerToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}
