import { writeFileSync } from 'node:fs';
import { topologyLabel } from './topology';

/** A target a figure is held to: `value <= limit` (or `<` when `strict`). */
export interface Target {
  limit: number;
  strict?: boolean;
  /** How the target reads in the summary, e.g. "≤ 1.5×" or "< 5 min". */
  label: string;
}

/** One number a benchmark produced, as the summary table shows it. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: Target;
  note?: string;
}

/**
 * The file a benchmark writes its figures to when `bench/run.ts` started it: run.ts sets
 * BENCH_RESULT_FILE for each benchmark process and reads the file when the process ends.
 * A benchmark started on its own (no variable) only prints.
 */
export const RESULT_FILE_VARIABLE = 'BENCH_RESULT_FILE';

export function publishFigures(figures: Figure[]): void {
  const file = process.env[RESULT_FILE_VARIABLE];
  const named = figures.map((figure) => ({ ...figure, name: topologyLabel(figure.name) }));
  if (file) writeFileSync(file, JSON.stringify(named, null, 2));
}

/** Whether a figure meets its target; undefined when it has none. */
export function targetMet(figure: Figure): boolean | undefined {
  if (!figure.target) return undefined;
  // A figure that could not be measured (NaN, written to JSON as null) does not meet its target.
  if (typeof figure.value !== 'number' || !Number.isFinite(figure.value)) return false;
  return figure.target.strict ? figure.value < figure.target.limit : figure.value <= figure.target.limit;
}

/** A figure's value with its unit, rounded for people. */
export function formatValue(figure: Pick<Figure, 'value' | 'unit'>): string {
  const { value, unit } = figure;
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'n/a';
  if (unit === 'ms') return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
  if (unit === 's') return `${value.toFixed(1)} s`;
  if (unit === '×') return `${value.toFixed(2)}×`;
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  return `${Number.isInteger(value) ? value : value.toFixed(2)}${unit ? ` ${unit}` : ''}`;
}

/** A duration in milliseconds for a progress or report line; '?' when it is not known. */
export function formatMs(ms: number): string {
  return Number.isFinite(ms) ? formatValue({ value: ms, unit: 'ms' }) : '?';
}

/** Rows as an aligned plain-text table, header first. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
