import { describe, expect, it } from 'vitest';
import { chiSquarePValue, chiSquareStatistic } from './chi-square.js';

describe('chi-square test', () => {
  it('matches published critical values', () => {
    // Critical values from standard chi-square tables.
    expect(chiSquarePValue(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquarePValue(23.209251, 10)).toBeCloseTo(0.01, 6);
    expect(chiSquarePValue(5.991465, 2)).toBeCloseTo(0.05, 6);
    expect(chiSquarePValue(88.379419, 60)).toBeCloseTo(0.01, 6);
    expect(chiSquarePValue(149.449252, 100)).toBeCloseTo(0.001, 6);
  });

  it('computes Pearson statistic', () => {
    expect(chiSquareStatistic([10, 20, 30], [20, 20, 20])).toBe(10);
  });
});
