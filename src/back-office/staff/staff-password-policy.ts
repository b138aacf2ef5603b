/**
 * What a staff password must be (NIST SP 800-63B): at least 12 characters, at most 128, and not one
 * of the common passwords shipped in `assets/common-passwords.txt` (compared case-insensitively).
 * No composition rules: length and a deny-list matter, « Azerty123! » patterns do not help.
 */
import fs from 'node:fs';

export const STAFF_PASSWORD_MIN = 12;
export const STAFF_PASSWORD_MAX = 128;

export type PasswordVerdict = { ok: true } | { ok: false; reason: 'too-short' | 'too-long' | 'common' | 'mismatch' };

const listFile = new URL('../../../assets/common-passwords.txt', import.meta.url);

export function loadCommonPasswords(file: URL = listFile): ReadonlySet<string> {
  return new Set(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean),
  );
}

export function checkStaffPassword(password: string, confirmation: string, common: ReadonlySet<string>): PasswordVerdict {
  const length = [...password].length;
  if (length < STAFF_PASSWORD_MIN) return { ok: false, reason: 'too-short' };
  if (length > STAFF_PASSWORD_MAX) return { ok: false, reason: 'too-long' };
  if (common.has(password.toLowerCase())) return { ok: false, reason: 'common' };
  if (password !== confirmation) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
