import { describe, expect, it } from 'vitest';
import { parseDuration, parseRateRule } from './duration.js';

describe('durations', () => {
  it('reads seconds, minutes, hours and days', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('15min')).toBe(900_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration(' 1h ')).toBe(3_600_000);
    expect(parseDuration('365d')).toBe(365 * 86_400_000);
    expect(parseDuration('2 H')).toBe(7_200_000);
  });

  it('refuses bare numbers, zero, unknown units and negative values', () => {
    for (const bad of ['60', '0s', '1y', '-1h', '1.5h', 'h', '', '1h30']) expect(parseDuration(bad), bad).toBeUndefined();
  });

  it('reads rate rules as attempts per window', () => {
    expect(parseRateRule('5/1h')).toEqual({ points: 5, windowMs: 3_600_000 });
    expect(parseRateRule('50 / 15min')).toEqual({ points: 50, windowMs: 900_000 });
    for (const bad of ['0/1h', '5', '5/', '/1h', '5/60', 'x/1h']) expect(parseRateRule(bad), bad).toBeUndefined();
  });
});
