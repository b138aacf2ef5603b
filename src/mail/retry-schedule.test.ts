import { describe, expect, it } from 'vitest';
import { nextAttemptAt, retryDelayMs } from './retry-schedule.js';

describe('retry schedule', () => {
  it('starts in seconds so a short outage is still within five minutes, then grows to a cap', () => {
    const delays = Array.from({ length: 14 }, (_, i) => retryDelayMs(i + 1));
    expect(delays.slice(0, 5)).toEqual([2_000, 5_000, 10_000, 20_000, 40_000]);
    expect(delays.slice(0, 7).reduce((a, b) => a + b, 0)).toBeLessThan(300_000);
    for (let i = 1; i < delays.length; i += 1) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays.at(-1)).toBe(3_600_000);
  });

  it('keeps retrying until the window is over, with one last try at its end', () => {
    const window = 86_400_000;
    expect(nextAttemptAt(1_000, 0, 1, window)).toBe(3_000);
    expect(nextAttemptAt(window - 10_000, 0, 20, window)).toBe(window);
    expect(nextAttemptAt(window, 0, 21, window)).toBeNull();
  });
});
