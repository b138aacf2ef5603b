/**
 * Paces answers whose work depends on a secret (is this address on file?), so that their time does
 * not tell it: an answer leaves no sooner than a floor after its request arrived. The floor is the
 * larger of a fixed minimum and the 90th percentile of the recent work durations of this process,
 * so when the machine is loaded and the work slows down, the floor follows and nearly every answer
 * still leaves at the same moment. Only the work is measured, never the waiting, so pacing cannot
 * feed on itself; the floor is capped so an overload cannot stall every answer.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface AnswerPacer {
  /** Waits until the floor after `startedAt` (a `performance.now()` reading); the work is over. */
  pace(startedAt: number): Promise<void>;
}

const RECENT = 50;
const CAP_MS = 5_000;

export function answerPacer(minimumMs: number): AnswerPacer {
  const recent: number[] = [];
  return {
    async pace(startedAt) {
      const worked = performance.now() - startedAt;
      recent.push(worked);
      if (recent.length > RECENT) recent.shift();
      const sorted = [...recent].sort((a, b) => a - b);
      const p90 = sorted[Math.floor(0.9 * (sorted.length - 1))] ?? 0;
      const floor = Math.min(CAP_MS, Math.max(minimumMs, p90));
      await sleep(Math.max(0, startedAt + floor - performance.now()));
    },
  };
}
