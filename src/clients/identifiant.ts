/**
 * The client identifiant: exactly ten digits, the client's login name, printed in every mail and
 * never changed once a client file exists.
 *
 * Identifiants eGEC assigns are drawn at random (CSPRNG) rather than counted up, so knowing one
 * tells nothing about the others. They never start with 0, because spreadsheets drop leading zeros
 * when firms round-trip their client lists through Excel.
 */
import { randomInt } from 'node:crypto';

export const IDENTIFIANT_PATTERN = /^\d{10}$/;

export function isIdentifiant(value: string): boolean {
  return IDENTIFIANT_PATTERN.test(value);
}

/** A random ten-digit identifiant from 1000000000 to 9999999999. */
export function randomIdentifiant(random: (min: number, max: number) => number = randomInt): string {
  return String(random(1_000_000_000, 10_000_000_000));
}

/**
 * What a client typed in the Identifiant field, forgiven the memo's pitfalls: spaces pasted around
 * or inside it, and the letter O (either case) typed for the digit 0. Returns null when what is
 * left is not ten digits.
 */
export function normalizeTypedIdentifiant(typed: string): string | null {
  const cleaned = typed.replace(/[\s\u00a0\u202f]/g, '').replace(/[oO]/g, '0');
  return isIdentifiant(cleaned) ? cleaned : null;
}
