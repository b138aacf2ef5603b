/**
 * When to try a mail again after a temporary failure. The first steps are seconds, so a short SMTP
 * outage still meets the memo's « 5 min » (2+5+10+20+40+60+120 s: seven retries within about four
 * minutes), then the pace slows, capped at one hour, until the retry window (EGEC_MAIL_RETRY_WINDOW,
 * counted from the enqueue) is over and the mail is marked failed.
 */
const FIRST_STEPS_MS = [2_000, 5_000, 10_000, 20_000, 40_000, 60_000, 120_000, 300_000];
const CAP_MS = 3_600_000;

/** Delay after the `failedAttempts`-th failed attempt (1-based). */
export function retryDelayMs(failedAttempts: number): number {
  const step = FIRST_STEPS_MS[failedAttempts - 1];
  if (step !== undefined) return step;
  const beyond = failedAttempts - FIRST_STEPS_MS.length;
  return Math.min(CAP_MS, 300_000 * 2 ** beyond);
}

/** Next attempt time, the window's end at the latest; null when the window is over (give up). */
export function nextAttemptAt(now: number, createdAt: number, failedAttempts: number, windowMs: number): number | null {
  const deadline = createdAt + windowMs;
  if (now >= deadline) return null;
  return Math.min(now + retryDelayMs(failedAttempts), deadline);
}
