import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chiSquarePValue, chiSquareStatistic } from '../test-support/chi-square.js';
import {
  coveringCount,
  generatePassword,
  hasEveryClass,
  PASSWORD_LENGTH,
  passwordAlphabet,
  passwordClasses,
  passwordEntropyBits,
  validPasswordCount,
  type RandomInt,
} from './password-generator.js';

const classes = Object.values(passwordClasses);
const classSizes = classes.map((c) => c.length);

describe('the generated password', () => {
  it('has 9 characters, one of each class at least, and no look-alikes', () => {
    for (let i = 0; i < 2_000; i++) {
      const password = generatePassword();
      expect(password).toHaveLength(9);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[2-9]/);
      expect(password).toMatch(/[&()*\-/:!?]/);
      expect(password).not.toMatch(/[0Oo1lI]/);
      expect([...password].every((c) => passwordAlphabet.includes(c))).toBe(true);
    }
  });

  it('uses an alphabet without look-alikes whose symbols are typed on AZERTY without AltGr, * included', () => {
    expect(passwordAlphabet).not.toMatch(/[0Oo1lI]/);
    expect(new Set(passwordAlphabet).size).toBe(passwordAlphabet.length);
    // Printed on the AZERTY keys themselves (plain or Shift), i.e. not needing AltGr.
    const azertyWithoutAltGr = `&"'(-_)=+$*%,?;.:/!<>`;
    expect([...passwordClasses.symbols].every((c) => azertyWithoutAltGr.includes(c))).toBe(true);
    expect(passwordClasses.symbols).toContain('*');
    expect(hasEveryClass('fG69a*6jH')).toBe(true); // the memo's example is a possible password
    expect([...'fG69a*6jH'].every((c) => passwordAlphabet.includes(c))).toBe(true);
  });

  it('rejects a whole draw missing a class and draws again', () => {
    const script = [...'abcdefghi', ...'fG69a*6jH'].map((c) => passwordAlphabet.indexOf(c));
    const scripted: RandomInt = () => script.shift()!;
    expect(generatePassword(scripted)).toBe('fG69a*6jH');
    expect(script).toHaveLength(0);
  });

  it('counts valid passwords exactly: inclusion–exclusion agrees with enumeration on a small alphabet', () => {
    // Alphabet of 5 with classes of sizes 2, 1, 1 (and one free character), length 4.
    let enumerated = 0;
    for (let n = 0; n < 5 ** 4; n++) {
      const digits = [0, 1, 2, 3].map((p) => Math.floor(n / 5 ** p) % 5);
      if (digits.some((d) => d < 2) && digits.includes(2) && digits.includes(3)) enumerated++;
    }
    expect(coveringCount(4, 5, [2, 1, 1])).toBe(BigInt(enumerated));
  });

  it('has at least 50 bits of entropy (CNIL 2022): 53.12 bits', () => {
    expect(validPasswordCount()).toBe(coveringCount(9, 65, [24, 24, 8, 9]));
    expect(passwordEntropyBits()).toBeGreaterThanOrEqual(50);
    expect(passwordEntropyBits()).toBeCloseTo(53.12, 2);
  });
});

/**
 * Among valid passwords, the share with character c at a given position is the number of ways to
 * fill the 8 other positions so that every class except c's own appears, over the total: exact,
 * and the same for every position. Characters of one class share one probability.
 */
function expectedShareAtAnyPosition(): number[] {
  const total = Number(validPasswordCount());
  return [...passwordAlphabet].map((c) => {
    const own = classes.findIndex((chars) => chars.includes(c));
    const others = classSizes.filter((_, i) => i !== own);
    return Number(coveringCount(PASSWORD_LENGTH - 1, passwordAlphabet.length, others)) / total;
  });
}

/** One p-value per position: does the observed character distribution fit the exact one? */
function positionPValues(generate: () => string, samples: number): number[] {
  const share = expectedShareAtAnyPosition();
  const counts = Array.from({ length: PASSWORD_LENGTH }, () => new Array<number>(passwordAlphabet.length).fill(0));
  for (let i = 0; i < samples; i++) {
    const password = generate();
    for (let p = 0; p < PASSWORD_LENGTH; p++) counts[p]![passwordAlphabet.indexOf(password[p]!)]! += 1;
  }
  return counts.map((observed) =>
    chiSquarePValue(
      chiSquareStatistic(observed, share.map((s) => s * samples)),
      passwordAlphabet.length - 1,
    ),
  );
}

// Nine tests per generator: a sound generator fails one with probability about 9e-6.
const P_THRESHOLD = 1e-6;
const SAMPLES = 60_000;

describe('uniformity over the valid passwords (chi-square per position)', () => {
  it('uses exact expected shares that sum to one', () => {
    expect(expectedShareAtAnyPosition().reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('fits the exact distribution at every position', () => {
    const pValues = positionPValues(() => generatePassword(), SAMPLES);
    expect(Math.min(...pValues)).toBeGreaterThan(P_THRESHOLD);
  });

  it('would catch a generator taking a random byte modulo 65', () => {
    let pool = randomBytes(0);
    const moduloBiased: RandomInt = (max) => {
      if (pool.length === 0) pool = randomBytes(65_536);
      const byte = pool[0]!;
      pool = pool.subarray(1);
      return byte % max;
    };
    const pValues = positionPValues(() => generatePassword(moduloBiased), SAMPLES);
    expect(Math.min(...pValues)).toBeLessThan(P_THRESHOLD);
  });

  it('would catch a generator that patches a missing class into a random position instead of rejecting', () => {
    const patching = (): string => {
      const chars = Array.from({ length: PASSWORD_LENGTH }, () => passwordAlphabet[randomInt(passwordAlphabet.length)]!);
      for (const members of classes) {
        if (!chars.some((c) => members.includes(c))) chars[randomInt(PASSWORD_LENGTH)] = members[randomInt(members.length)]!;
      }
      return chars.join('');
    };
    const pValues = positionPValues(patching, SAMPLES);
    expect(Math.min(...pValues)).toBeLessThan(P_THRESHOLD);
  });
});
