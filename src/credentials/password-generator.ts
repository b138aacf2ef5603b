/**
 * The memo's password: « Le Mot-de-passe sera toujours sur 9 caractères », like « fG69a*6jH ».
 *
 * Alphabet (65 characters), without look-alikes (no 0/O/o, no 1/l/I):
 *   lowercase  abcdefghijkmnpqrstuvwxyz   (24: no l, no o)
 *   uppercase  ABCDEFGHJKLMNPQRSTUVWXYZ   (24: no I, no O)
 *   digits     23456789                   (8:  no 0, no 1)
 *   symbols    & ( ) * - / : ! ?          (9)
 * Symbols are those typed on a French AZERTY keyboard without AltGr (no @ # ~ { } [ ] | \) that are
 * also on the first symbol page of phone keyboards (Gboard, iOS, Samsung), minus the ones a client
 * gets wrong: quotes (phones turn them into ’ « »), . and , (read as punctuation of the sentence),
 * ; (confused with :), _ + = $ % (second page on iOS). `*` is on the second page on iOS but is kept:
 * the memo's own example has one.
 *
 * Each password has at least one character of each class. It is drawn uniformly over all such
 * strings: 9 characters uniformly from the alphabet (`crypto.randomInt`, unbiased), the whole draw
 * rejected if a class is missing (patching a missing class in would favour digits and symbols).
 * Exact count of valid passwords, by inclusion–exclusion over the missing classes:
 * 9 800 149 190 307 840 (47 % of the draws are kept), i.e. 53.12 bits of entropy
 * (`passwordEntropyBits`), above the 50 bits the CNIL (2022) asks of a password used with
 * login throttling.
 */
import { randomInt as cryptoRandomInt } from 'node:crypto';

export const PASSWORD_LENGTH = 9;

export const passwordClasses = {
  lowercase: 'abcdefghijkmnpqrstuvwxyz',
  uppercase: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  digits: '23456789',
  symbols: '&()*-/:!?',
} as const;

export const passwordAlphabet = Object.values(passwordClasses).join('');

/** A uniform integer in [0, maxExclusive): `crypto.randomInt` in production, a script in tests. */
export type RandomInt = (maxExclusive: number) => number;

export function generatePassword(randomInt: RandomInt = cryptoRandomInt): string {
  for (;;) {
    let candidate = '';
    for (let i = 0; i < PASSWORD_LENGTH; i++) candidate += passwordAlphabet[randomInt(passwordAlphabet.length)];
    if (hasEveryClass(candidate)) return candidate;
  }
}

export function hasEveryClass(password: string): boolean {
  return Object.values(passwordClasses).every((chars) => [...password].some((c) => chars.includes(c)));
}

/**
 * Strings of `length` characters over an alphabet of `alphabetSize` containing at least one
 * character of each of the disjoint `requiredClassSizes`: inclusion–exclusion over the subsets of
 * classes left out.
 */
export function coveringCount(length: number, alphabetSize: number, requiredClassSizes: readonly number[]): bigint {
  let total = 0n;
  for (let subset = 0; subset < 1 << requiredClassSizes.length; subset++) {
    let excluded = 0;
    let size = 0;
    requiredClassSizes.forEach((classSize, i) => {
      if (subset & (1 << i)) {
        excluded += classSize;
        size += 1;
      }
    });
    const term = BigInt(alphabetSize - excluded) ** BigInt(length);
    total += size % 2 === 0 ? term : -term;
  }
  return total;
}

const classSizes = Object.values(passwordClasses).map((chars) => chars.length);

/** The number of passwords `generatePassword` can return, each equally likely. */
export function validPasswordCount(): bigint {
  return coveringCount(PASSWORD_LENGTH, passwordAlphabet.length, classSizes);
}

/** log2 of the number of valid passwords: the exact entropy of a generated password. */
export function passwordEntropyBits(): number {
  return Math.log2(Number(validPasswordCount()));
}
