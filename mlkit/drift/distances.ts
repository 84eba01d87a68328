/**
 * Distances between two distributions, as Evidently computes them for large references:
 * Wasserstein (earth mover's) distance, its normalised form, Jensen–Shannon distance, and PSI.
 */
import { categoryKeys, type Counts } from './categorical';
import { assertFiniteSample, assertNonNegative, sortedCopy } from './validate';

/**
 * 1-D Wasserstein-1 distance ∫ |F_ref(x) − F_cur(x)| dx, like scipy.stats.wasserstein_distance.
 * @returns a distance in the units of the values
 */
export function wasserstein(reference: readonly number[], current: readonly number[]): number {
  assertFiniteSample(reference, 'reference');
  assertFiniteSample(current, 'current');
  const a = sortedCopy(reference);
  const b = sortedCopy(current);
  const all = sortedCopy([...a, ...b]);
  let i = 0;
  let j = 0;
  let sum = 0;
  for (let k = 0; k < all.length - 1; k++) {
    while (i < a.length && a[i] <= all[k]) i++;
    while (j < b.length && b[j] <= all[k]) j++;
    sum += Math.abs(i / a.length - j / b.length) * (all[k + 1] - all[k]);
  }
  return sum;
}

/** Population standard deviation (ddof = 0, like numpy.std). */
export function populationStd(values: readonly number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) * (v - mean), 0) / values.length);
}

/**
 * Evidently's `wasserstein` drift score (stattests/wasserstein_distance_norm.py): the Wasserstein distance divided by the reference's
 * population std (at least 0.001, so a constant reference does not divide by zero).
 * Unitless: 0.1 means the distributions are a tenth of a standard deviation apart.
 * @param referenceStd pass it when `reference` is a sample of a larger column whose std is known
 */
export function wassersteinNormed(reference: readonly number[], current: readonly number[], referenceStd?: number): number {
  const distance = wasserstein(reference, current);
  return distance / Math.max(referenceStd ?? populationStd(reference), 0.001);
}

/**
 * Jensen–Shannon distance between two histograms, like scipy.spatial.distance.jensenshannon with
 * base 2 (Evidently's choice in stattests/jensenshannon.py, on shares from get_binned_data): the square root of the JS divergence, in [0, 1].
 * @param p counts or shares per bin; normalised here
 * @param q counts or shares per bin, same bins as `p`
 */
export function jensenShannon(p: readonly number[], q: readonly number[]): number {
  assertNonNegative(p, 'p');
  assertNonNegative(q, 'q');
  if (p.length !== q.length) throw new RangeError(`p has ${p.length} bins but q has ${q.length}`);
  const ps = p.reduce((s, v) => s + v, 0);
  const qs = q.reduce((s, v) => s + v, 0);
  if (ps === 0 || qs === 0) throw new RangeError('jensenShannon needs histograms with a positive total');
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / ps;
    const qi = q[i] / qs;
    const m = (pi + qi) / 2;
    if (pi > 0) divergence += pi * Math.log(pi / m);
    if (qi > 0) divergence += qi * Math.log(qi / m);
  }
  return Math.sqrt(Math.max(0, divergence / (2 * Math.log(2))));
}

/**
 * Population Stability Index (Evidently's stattests/psi.py) Σ (r − c) · ln(r / c) over bins of shares. Empty bins are filled
 * the way Evidently does (min non-zero share / 10⁶, or 0.0001), so the logarithm stays finite.
 */
export function psi(referenceShares: readonly number[], currentShares: readonly number[]): number {
  assertNonNegative(referenceShares, 'referenceShares');
  assertNonNegative(currentShares, 'currentShares');
  if (referenceShares.length !== currentShares.length) {
    throw new RangeError(`referenceShares has ${referenceShares.length} bins but currentShares has ${currentShares.length}`);
  }
  const r = fillZeroes(referenceShares);
  const c = fillZeroes(currentShares);
  return r.reduce((sum, ri, i) => sum + (ri - c[i]) * Math.log(ri / c[i]), 0);
}

function fillZeroes(shares: readonly number[]): number[] {
  const nonZero = shares.filter((v) => v > 0);
  if (nonZero.length === 0) throw new RangeError('psi needs at least one non-empty bin on each side');
  const smallest = Math.min(...nonZero);
  const fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
  return shares.map((v) => (v === 0 ? fill : v));
}

/** Shares per category over the union of categories (Evidently's stattests/utils.py get_binned_data). */
export function categoryShares(reference: Counts, current: Counts): { keys: string[]; reference: number[]; current: number[] } {
  const keys = categoryKeys(reference, current);
  const share = (counts: Counts) => {
    const total = Object.values(counts).reduce((s, v) => s + v, 0);
    return keys.map((k) => (counts[k] ?? 0) / total);
  };
  return { keys, reference: share(reference), current: share(current) };
}

/**
 * Evidently's binning for a numeric column with many distinct values: Sturges' rule on both
 * samples together (numpy.histogram_bin_edges(..., 'sturges')), then shares per bin.
 * @returns bin edges (length bins + 1) and the share of each sample per bin
 */
export function sturgesShares(
  reference: readonly number[],
  current: readonly number[],
): { edges: number[]; reference: number[]; current: number[] } {
  assertFiniteSample(reference, 'reference');
  assertFiniteSample(current, 'current');
  const all = [...reference, ...current];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  // Same arithmetic as numpy, so edge cases round to the same number of bins and edges.
  const width = (hi - lo) / (Math.log2(all.length) + 1);
  const bins = Math.max(1, Math.ceil((hi - lo) / width));
  const step = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : i * step + lo));
  const share = (values: readonly number[]) => {
    const counts = new Array<number>(bins).fill(0);
    for (const v of values) counts[binIndex(v, edges)]++;
    return counts.map((c) => c / values.length);
  };
  return { edges, reference: share(reference), current: share(current) };
}

// The last bin is closed on the right, as in numpy.histogram.
function binIndex(v: number, edges: number[]): number {
  const bins = edges.length - 1;
  let k = Math.min(bins - 1, Math.floor(((v - edges[0]) / (edges[bins] - edges[0])) * bins));
  if (k > 0 && v < edges[k]) k--;
  if (k < bins - 1 && v >= edges[k + 1]) k++;
  return k;
}
