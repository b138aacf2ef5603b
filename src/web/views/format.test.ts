import { describe, expect, it } from 'vitest';
import { en } from '../../texts/en.js';
import { fr } from '../../texts/fr.js';
import { formatWait } from './format.js';

describe('formatWait (« Réessayez dans … »)', () => {
  it('rounds up to whole seconds, minutes up to an hour, then hours and minutes', () => {
    expect([1, 29_001, 59_000, 60_001, 40 * 60_000, 3_600_000, 3_900_000, 24 * 3_600_000].map((ms) => formatWait(fr, ms))).toEqual([
      '1 s',
      '30 s',
      '59 s',
      '2 min',
      '40 min',
      '60 min',
      '1 h 05 min',
      '24 h 00 min',
    ]);
    expect(formatWait(en, 90_000)).toBe('2 min');
  });
});
