/**
 * Tests for categorical columns, fed with counts per category: the chi-square goodness-of-fit
 * test (scipy.stats.chisquare) and the two-proportion z-test Evidently uses for binary columns.
 */
import { chiSquareSf, normalSf } from './special';
import { assertNonNegative } from './validate';

/** Category → number of rows. */
export type Counts = Record<string, number>;

export interface TestResult {
  statistic: number;
  pValue: number;
}

/**
 * Pearson's chi-square goodness of fit, Σ (obs − exp)² / exp with k − 1 degrees of freedom,
 * like scipy.stats.chisquare(f_obs, f_exp). A category with exp = 0 and obs > 0 gives an
 * infinite statistic and p = 0 (a category never seen in the reference is drift).
 */
export function chiSquareTest(observed: readonly number[], expected: readonly number[]): TestResult {
  assertNonNegative(observed, 'observed');
  assertNonNegative(expected, 'expected');
  if (observed.length !== expected.length) {
    throw new RangeError(`observed has ${observed.length} categories but expected has ${expected.length}`);
  }
  if (observed.length < 2) return { statistic: 0, pValue: 1 };
  let statistic = 0;
  for (let i = 0; i < observed.length; i++) {
    const diff = observed[i] - expected[i];
    if (diff === 0) continue;
    statistic += expected[i] === 0 ? Infinity : (diff * diff) / expected[i];
  }
  const pValue = statistic === Infinity ? 0 : chiSquareSf(statistic, observed.length - 1);
  return { statistic, pValue };
}

/** Sorted union of the categories of both count tables, so results do not depend on key order. */
export function categoryKeys(reference: Counts, current: Counts): string[] {
  return Array.from(new Set([...Object.keys(reference), ...Object.keys(current)])).sort();
}

function total(counts: Counts, name: string): number {
  const values = Object.values(counts);
  assertNonNegative(values, name);
  const sum = values.reduce((s, v) => s + v, 0);
  if (sum === 0) throw new RangeError(`${name} has no rows`);
  return sum;
}

/**
 * Evidently's `chisquare` drift test (evidently/calculations/stattests/chisquare_stattest.py): expected counts are the reference shares scaled to the
 * current row count; the current counts are the observed ones.
 */
export function chiSquareDrift(reference: Counts, current: Counts): TestResult {
  const scale = total(current, 'current counts') / total(reference, 'reference counts');
  const keys = categoryKeys(reference, current);
  return chiSquareTest(
    keys.map((k) => current[k] ?? 0),
    keys.map((k) => (reference[k] ?? 0) * scale),
  );
}

/**
 * Evidently's `z` test for binary columns (evidently/calculations/stattests/z_stattest.py): two-sided two-proportion z-test on the share of
 * rows that are not the first category (sorted order). Identical single-valued columns give p = 1.
 */
export function zTestDrift(reference: Counts, current: Counts): TestResult {
  const n1 = total(reference, 'reference counts');
  const n2 = total(current, 'current counts');
  const keys = categoryKeys(reference, current).filter((k) => (reference[k] ?? 0) + (current[k] ?? 0) > 0);
  if (keys.length > 2) throw new RangeError(`z-test needs at most 2 categories, got ${keys.length}`);
  if (keys.length <= 1) return { statistic: 0, pValue: 1 };
  const p1 = (reference[keys[1]] ?? 0) / n1;
  const p2 = (current[keys[1]] ?? 0) / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const statistic = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { statistic, pValue: 2 * normalSf(Math.abs(statistic)) };
}
