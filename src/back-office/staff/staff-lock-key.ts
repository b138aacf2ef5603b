/**
 * Staff sign-in shares the clients' per-account lock (`login_lock`, src/login/account-lock.ts):
 * same policy, same atomic counting before verification. Its key is `s` + 9 hex digits of the
 * SHA-256 of the normalised email: it fits the 10-character column, can never be a client's
 * identifiant (ten digits), and keeps no email in clear. Unknown emails are keyed and locked the
 * same way, so a lock does not tell which emails are staff.
 */
import { createHash } from 'node:crypto';
import { normalizeEmail } from '../../clients/client-fields.js';

export function staffLockKey(email: string): string {
  return `s${createHash('sha256').update(normalizeEmail(email), 'utf8').digest('hex').slice(0, 9)}`;
}
