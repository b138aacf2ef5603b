/** Durations as operators write them: `90s`, `30m`, `12h`, `7d` (or a plain number of seconds). */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds, or null when the text is not a positive duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * (UNITS[(match[2] ?? 's').toLowerCase()] ?? 1000);
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : null;
}
