/**
 * Reference statistics: a compact, JSON-serialisable summary of the data a model was validated
 * on, small enough to live in the model's metadata.json and rich enough to run the drift tests
 * later without the original rows.
 */
import type { Counts } from './categorical';
import { populationStd } from './distances';
import type { ColumnType } from './methods';

export type Row = Record<string, number | string>;

export interface NumericReference {
  type: 'num';
  /** Rows in the reference column (the sample may be smaller). */
  rows: number;
  /**
   * Sorted values: every value when rows ≤ sampleSize (so the KS test is exact), otherwise
   * `sampleSize` evenly spaced quantiles (enough for the Wasserstein distance).
   */
  sample: number[];
  mean: number;
  /** Population standard deviation (ddof = 0) of the whole column. */
  std: number;
  min: number;
  max: number;
  /** Quantiles of the whole column, keyed "p05", "p25", "p50", "p75", "p95". */
  quantiles: Record<string, number>;
  /** Value counts, kept only when the column has at most 20 distinct values. */
  counts?: Counts;
}

export interface CategoricalReference {
  type: 'cat';
  rows: number;
  counts: Counts;
}

export type ColumnReference = NumericReference | CategoricalReference;

export interface DriftReference {
  format: 'mlkit-drift-reference/1';
  rows: number;
  columns: Record<string, ColumnReference>;
}

export interface ReferenceOptions {
  /** Most values kept per numeric column (default 1000, the size up to which KS is used). */
  sampleSize?: number;
  /** Force a column's type, e.g. a numeric code that is really a category. */
  types?: Record<string, ColumnType>;
  /** Most categories a categorical column may have (default 100). */
  maxCategories?: number;
}

const QUANTILES: Record<string, number> = { p05: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95 };
const MAX_COUNTED_NUMERIC_VALUES = 20;

/** Six significant digits: plenty for drift tests, and it keeps metadata.json small. */
export function roundValue(v: number): number {
  return Number(v.toPrecision(6));
}

/** Linear-interpolated quantile of sorted values (numpy's default method). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Reads one column, checking every row has a value of one type; returns the values and type. */
export function columnValues(rows: readonly Row[], column: string, where: string): { values: Array<number | string>; type: ColumnType } {
  const values = rows.map((row, i) => {
    const v = row[column];
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    throw new RangeError(`${where} row ${i}, column '${column}': expected a finite number or a string, got ${String(v)}`);
  });
  const numeric = typeof values[0] === 'number';
  const mixed = values.findIndex((v) => (typeof v === 'number') !== numeric);
  if (mixed >= 0) {
    throw new TypeError(`${where} column '${column}' mixes numbers and strings (row 0 vs row ${mixed})`);
  }
  return { values, type: numeric ? 'num' : 'cat' };
}

/** Value → count, with values as strings (JSON object keys). */
export function countValues(values: ReadonlyArray<number | string>): Counts {
  const counts: Counts = {};
  for (const v of values) counts[String(v)] = (counts[String(v)] ?? 0) + 1;
  return counts;
}

function numericReference(values: number[], sampleSize: number): NumericReference {
  const sorted = values.map(roundValue).sort((a, b) => a - b);
  const n = sorted.length;
  const sample = n <= sampleSize ? sorted : Array.from({ length: sampleSize }, (_, i) => sorted[Math.floor(((i + 0.5) * n) / sampleSize)]);
  const quantiles: Record<string, number> = {};
  for (const [key, q] of Object.entries(QUANTILES)) quantiles[key] = roundValue(quantileSorted(sorted, q));
  const counts = countValues(sorted);
  const ref: NumericReference = {
    type: 'num',
    rows: n,
    sample,
    mean: roundValue(sorted.reduce((s, v) => s + v, 0) / n),
    std: roundValue(populationStd(sorted)),
    min: sorted[0],
    max: sorted[n - 1],
    quantiles,
  };
  if (Object.keys(counts).length <= MAX_COUNTED_NUMERIC_VALUES) ref.counts = counts;
  return ref;
}

/**
 * Summarises reference rows for later drift checks.
 * @param rows one object per row, same columns in each; values are finite numbers (numeric
 *   column) or strings (categorical column). Missing values are an error.
 * @returns a JSON-serialisable reference (about 9 KB per numeric column at the default size)
 */
export function referenceStatistics(rows: readonly Row[], opts: ReferenceOptions = {}): DriftReference {
  if (!Array.isArray(rows) || rows.length === 0) throw new RangeError('referenceStatistics needs at least one row');
  const sampleSize = opts.sampleSize ?? 1000;
  if (!Number.isInteger(sampleSize) || sampleSize < 2) throw new RangeError(`sampleSize must be an integer ≥ 2, got ${sampleSize}`);
  const maxCategories = opts.maxCategories ?? 100;
  const columns: Record<string, ColumnReference> = {};
  for (const column of Object.keys(rows[0]).sort()) {
    const { values, type: detected } = columnValues(rows, column, 'reference');
    const type = opts.types?.[column] ?? detected;
    if (type === 'num') {
      if (detected !== 'num') throw new TypeError(`reference column '${column}' is declared numeric but holds strings`);
      columns[column] = numericReference(values as number[], sampleSize);
      continue;
    }
    const counts = countValues(values);
    const k = Object.keys(counts).length;
    if (k > maxCategories) {
      throw new RangeError(`reference column '${column}' has ${k} categories (max ${maxCategories}): is it really categorical?`);
    }
    columns[column] = { type: 'cat', rows: rows.length, counts };
  }
  return { format: 'mlkit-drift-reference/1', rows: rows.length, columns };
}
