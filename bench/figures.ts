/**
 * A benchmark figure: the measured value beside the baseline measured in the same run, their
 * ratio, and the target on that ratio (or on the value). Printed as a table and written to
 * bench/results.json with the machine it came from.
 */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: { readonly name: string; readonly value: number };
  /** The targets, each on the ratio value/baseline or on the value itself. */
  readonly targets?: readonly Target[];
  readonly note?: string;
}

export interface Target {
  readonly on: 'ratio' | 'value';
  readonly op: '>=' | '<=';
  readonly limit: number;
}

export const ratioOf = (f: Figure) => (f.baseline === undefined ? undefined : f.value / f.baseline.value);

export function isMet(f: Figure): boolean | undefined {
  if (f.targets === undefined || f.targets.length === 0) return undefined;
  return f.targets.every((target) => {
    const measured = target.on === 'ratio' ? ratioOf(f) : f.value;
    if (measured === undefined || !Number.isFinite(measured)) return false;
    return target.op === '>=' ? measured >= target.limit : measured <= target.limit;
  });
}

const shown = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const ratio = ratioOf(f);
    const met = isMet(f);
    return [
      f.name,
      `${shown(f.value)} ${f.unit}`,
      f.baseline === undefined ? '' : `${shown(f.baseline.value)} (${f.baseline.name})`,
      ratio === undefined ? '' : ratio.toFixed(2),
      (f.targets ?? []).map((t) => `${t.on} ${t.op} ${t.limit}`).join(', '),
      met === undefined ? '' : met ? 'met' : 'MISSED',
    ];
  });
  const header = ['figure', 'value', 'baseline (same run)', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function asJson(f: Figure) {
  return { ...f, ratio: ratioOf(f) ?? null, met: isMet(f) ?? null };
}
