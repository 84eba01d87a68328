/**
 * Which drift test a column gets, following Evidently's defaults (DataDriftPreset, stattest
 * auto-selection in evidently/calculations/stattests/registry.py, `_get_default_stattest`):
 *
 * | reference rows | column | distinct values (ref ∪ cur) | method | drift when |
 * |---|---|---|---|---|
 * | ≤ 1000 | numeric | > 5 | `ks` (two-sample Kolmogorov–Smirnov) | p ≤ 0.05 |
 * | ≤ 1000 | numeric or categorical | 3 or more (≤ 5 for numeric) | `chisquare` | p < 0.05 |
 * | ≤ 1000 | numeric or categorical | ≤ 2 | `z` (two-proportion z-test) | p < 0.05 |
 * | > 1000 | numeric | > 5 | `wasserstein` (normed by reference std) | score ≥ 0.1 |
 * | > 1000 | categorical, or numeric with ≤ 5 | any | `jensenshannon` (base 2) | score ≥ 0.1 |
 *
 * (Evidently compares KS with `<=` and the others with `<`; kept as is.)
 */
import { chiSquareDrift, zTestDrift, type Counts } from './categorical';
import { categoryShares, wassersteinNormed, jensenShannon } from './distances';
import { ks2samp } from './ks';

export type ColumnType = 'num' | 'cat';
export type DriftMethod = 'ks' | 'chisquare' | 'z' | 'wasserstein' | 'jensenshannon';

/** Above this many reference rows Evidently switches from p-value tests to distances. */
export const SMALL_REFERENCE_MAX_ROWS = 1000;

/** Default thresholds per method: a p-value level for tests, a distance for the others. */
export const DEFAULT_THRESHOLDS: Readonly<Record<DriftMethod, number>> = {
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
};

/**
 * Evidently's default test for a column.
 * @param referenceRows rows in the whole reference column (not a sample of it)
 * @param distinctValues distinct values in reference and current together
 */
export function selectMethod(type: ColumnType, referenceRows: number, distinctValues: number): DriftMethod {
  const fewValues = type === 'cat' || distinctValues <= 5;
  if (referenceRows <= SMALL_REFERENCE_MAX_ROWS) {
    if (!fewValues) return 'ks';
    return distinctValues > 2 ? 'chisquare' : 'z';
  }
  return fewValues ? 'jensenshannon' : 'wasserstein';
}

/** What a method measured: the statistic, and the p-value for tests. */
export interface MethodOutcome {
  statistic: number;
  p_value?: number;
  /** The number compared with the threshold: the p-value for tests, the distance otherwise. */
  drift_score: number;
  drifted: boolean;
}

/** Inputs a method may need; the reference side can be a sample plus summary statistics. */
export interface MethodInputs {
  referenceSample?: readonly number[];
  referenceStd?: number;
  referenceCounts?: Counts;
  currentValues?: readonly number[];
  currentCounts?: Counts;
}

function need<T>(value: T | undefined, what: string, method: DriftMethod): T {
  if (value === undefined) throw new Error(`drift method '${method}' needs ${what}`);
  return value;
}

/** Runs one method and applies its threshold. */
export function runMethod(method: DriftMethod, inputs: MethodInputs, threshold = DEFAULT_THRESHOLDS[method]): MethodOutcome {
  if (method === 'ks') {
    const r = ks2samp(need(inputs.referenceSample, 'a reference sample', method), need(inputs.currentValues, 'current values', method));
    return { statistic: r.statistic, p_value: r.pValue, drift_score: r.pValue, drifted: r.pValue <= threshold };
  }
  if (method === 'chisquare' || method === 'z') {
    const ref = need(inputs.referenceCounts, 'reference counts', method);
    const cur = need(inputs.currentCounts, 'current counts', method);
    const r = method === 'z' ? zTestDrift(ref, cur) : chiSquareDrift(ref, cur);
    return { statistic: r.statistic, p_value: r.pValue, drift_score: r.pValue, drifted: r.pValue < threshold };
  }
  if (method === 'wasserstein') {
    const ref = need(inputs.referenceSample, 'a reference sample', method);
    const d = wassersteinNormed(ref, need(inputs.currentValues, 'current values', method), inputs.referenceStd);
    return { statistic: d, drift_score: d, drifted: d >= threshold };
  }
  const shares = categoryShares(
    need(inputs.referenceCounts, 'reference counts', method),
    need(inputs.currentCounts, 'current counts', method),
  );
  const d = jensenShannon(shares.reference, shares.current);
  return { statistic: d, drift_score: d, drifted: d >= threshold };
}
