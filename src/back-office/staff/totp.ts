/**
 * TOTP second factor (RFC 6238: SHA-1, 6 digits, 30-second steps) with `otpauth`.
 * Security model: the time comes from the passed-in clock; a code is accepted one step early or
 * late (clock drift), and the caller records the accepted step so the same code — or an older
 * one — is never accepted again (`totp_last_step`).
 */
import { Secret, TOTP } from 'otpauth';

const PERIOD_S = 30;
const ISSUER = 'eGEC';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, label = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), period: PERIOD_S });
}

/** The `otpauth://` URI an authenticator app imports (shown as text, never sent elsewhere). */
export function otpauthUri(secret: string, email: string): string {
  return totpOf(secret, email).toString();
}

/** The code for `nowMs`; for tests and for showing what an app would display. */
export function totpCode(secret: string, nowMs: number): string {
  return totpOf(secret).generate({ timestamp: nowMs });
}

/** The time step the code belongs to, if valid at `nowMs` (±1 step); otherwise null. */
export function matchTotp(secret: string, code: string, nowMs: number): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secret).validate({ token, timestamp: nowMs, window: 1 });
  return delta === null ? null : Math.floor(nowMs / 1000 / PERIOD_S) + delta;
}

/** Groups of four for reading aloud or typing into an app. */
export function formatSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}
