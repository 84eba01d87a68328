/**
 * The drift report: every reference column tested against the current rows with Evidently's
 * default method, and the dataset-level verdict (drift when at least half the columns drift, as
 * in Evidently's calculations/data_drift.py get_dataset_drift: share ≥ drift_share = 0.5).
 */
import type { Counts } from './categorical';
import { DEFAULT_THRESHOLDS, runMethod, selectMethod, type ColumnType, type DriftMethod, type MethodInputs } from './methods';
import { columnValues, countValues, roundValue, type ColumnReference, type DriftReference, type Row } from './reference';

export interface ColumnDrift {
  column: string;
  type: ColumnType;
  method: DriftMethod;
  /** D for ks, χ² for chisquare, z for z, the distance for wasserstein and jensenshannon. */
  statistic: number;
  /** Present for the p-value tests (ks, chisquare, z). */
  p_value?: number;
  /** The value compared with `threshold`: the p-value for tests, the distance otherwise. */
  drift_score: number;
  threshold: number;
  drifted: boolean;
  reference_rows: number;
  current_rows: number;
}

export interface DriftReport {
  columns: Record<string, ColumnDrift>;
  number_of_columns: number;
  number_of_drifted_columns: number;
  share_of_drifted_columns: number;
  /** Share of drifted columns at which the dataset counts as drifted. */
  drift_share: number;
  dataset_drift: boolean;
  current_rows: number;
}

export interface ReportOptions {
  /** Dataset drift when share_of_drifted_columns ≥ this (default 0.5, Evidently's default). */
  driftShare?: number;
  /** Override the threshold of a method. */
  thresholds?: Partial<Record<DriftMethod, number>>;
}

function testColumn(column: string, ref: ColumnReference, currentRows: readonly Row[], opts: ReportOptions): ColumnDrift {
  const { values, type: detected } = columnValues(currentRows, column, 'current');
  if (ref.type === 'num' && detected !== 'num') {
    throw new TypeError(`current column '${column}' holds strings but the reference column is numeric`);
  }
  const current = ref.type === 'num' ? (values as number[]).map(roundValue) : values.map(String);
  const currentCounts: Counts = countValues(current);
  const referenceCounts = ref.counts;
  // Without stored counts the reference has more than 20 distinct values, so "many values" holds.
  const distinct = referenceCounts ? new Set([...Object.keys(referenceCounts), ...Object.keys(currentCounts)]).size : Infinity;
  const method = selectMethod(ref.type, ref.rows, distinct);
  const inputs: MethodInputs = { referenceCounts, currentCounts };
  if (ref.type === 'num') {
    inputs.referenceSample = ref.sample;
    inputs.referenceStd = ref.std;
    inputs.currentValues = current as number[];
  }
  const threshold = opts.thresholds?.[method] ?? DEFAULT_THRESHOLDS[method];
  const outcome = runMethod(method, inputs, threshold);
  return { column, type: ref.type, method, ...outcome, threshold, reference_rows: ref.rows, current_rows: currentRows.length };
}

/**
 * Tests each reference column for drift in the current rows.
 * @param reference from `referenceStatistics` (e.g. read from a model's metadata.json)
 * @param currentRows rows with at least the reference's columns (extra columns are ignored)
 */
export function driftReport(reference: DriftReference, currentRows: readonly Row[], opts: ReportOptions = {}): DriftReport {
  if (!reference || typeof reference.columns !== 'object') throw new TypeError('reference is not a drift reference (no columns)');
  if (!Array.isArray(currentRows) || currentRows.length === 0) throw new RangeError('driftReport needs at least one current row');
  const driftShare = opts.driftShare ?? 0.5;
  if (!(driftShare > 0 && driftShare <= 1)) throw new RangeError(`driftShare must be in (0, 1], got ${driftShare}`);
  const names = Object.keys(reference.columns).sort();
  if (names.length === 0) throw new RangeError('reference has no columns');
  const columns: Record<string, ColumnDrift> = {};
  for (const name of names) columns[name] = testColumn(name, reference.columns[name], currentRows, opts);
  const drifted = names.filter((n) => columns[n].drifted).length;
  const share = drifted / names.length;
  return {
    columns,
    number_of_columns: names.length,
    number_of_drifted_columns: drifted,
    share_of_drifted_columns: share,
    drift_share: driftShare,
    dataset_drift: share >= driftShare,
    current_rows: currentRows.length,
  };
}
