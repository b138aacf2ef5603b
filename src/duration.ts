/**
 * Durations written by people in the environment (`90s`, `15min`, `1h`, `365d`), read once in
 * config.ts and handed on as milliseconds. Bare numbers are refused: a unit removes all doubt.
 */
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,9})\s*(s|m|min|h|d)$/i.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * (UNIT_MS[match[2]!.toLowerCase()] ?? 0);
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}

/** `5/1h`: at most 5 attempts per hour. */
export interface RateRule {
  readonly points: number;
  readonly windowMs: number;
}

export function parseRateRule(text: string): RateRule | undefined {
  const match = /^(\d{1,6})\s*\/\s*(.+)$/.exec(text.trim());
  if (!match) return undefined;
  const points = Number(match[1]);
  const windowMs = parseDuration(match[2]!);
  return points >= 1 && windowMs !== undefined ? { points, windowMs } : undefined;
}
