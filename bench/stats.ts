// Small numeric helpers for the benchmark tables.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Slope of log(y) against log(x) between two points: 1 = linear growth, 2 = quadratic. */
export function logLogSlope(x1: number, y1: number, x2: number, y2: number): number {
  return Math.log(y2 / y1) / Math.log(x2 / x1);
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : 'n/a');
export const ratio = (ours: number, peer: number) => (Number.isFinite(ours / peer) ? `${(ours / peer).toFixed(2)}×` : 'n/a');
export const mib = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} MiB` : 'n/a');

/** A plain-text table with aligned columns. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => '| ' + cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}
