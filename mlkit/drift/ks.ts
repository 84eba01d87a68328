/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, following scipy.stats.ks_2samp's default
 * method 'auto': exact p-value when both samples have at most 10 000 values, otherwise the
 * asymptotic Kolmogorov distribution. Evidently's `ks` test (stattests/ks_stattest.py) calls
 * ks_2samp with these defaults.
 */
import { assertFiniteSample, sortedCopy } from './validate';

/** Largest sample size for which 'auto' computes the exact p-value (scipy uses the same limit). */
export const KS_EXACT_MAX_N = 10000;

export interface KsResult {
  /** D = max |F_ref(x) − F_cur(x)|, in [0, 1]. */
  statistic: number;
  /** Two-sided p-value under "both samples come from the same distribution". */
  pValue: number;
  method: 'exact' | 'asymp';
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The statistic in integer units of 1 / lcm(n1, n2), so the exact path count needs no rounding.
 * Both inputs are sorted.
 */
function statisticUnits(a: number[], b: number[], ag: number, bg: number): number {
  let i = 0;
  let j = 0;
  let best = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.length && a[i] <= x) i++;
    while (j < b.length && b[j] <= x) j++;
    // |i/n1 − j/n2| · lcm  with lcm = n1·n2/g
    best = Math.max(best, Math.abs(i * bg - j * ag));
  }
  return best;
}

/**
 * Exact P(D ≥ h / lcm): the share of monotone lattice paths from (0,0) to (m,n) that leave the
 * band |x·ng − y·mg| < h. Each cell holds paths / binomial(x+y, y), which stays in [0, 1] and
 * so never overflows (the same normalisation scipy uses).
 */
function exactPValue(m: number, n: number, mg: number, ng: number, h: number): number {
  const u = new Float64Array(n + 1);
  for (let y = 0; y <= n && y * mg < h; y++) u[y] = 1;
  for (let x = 1; x <= m; x++) {
    const lo = Math.max(0, Math.floor((x * ng - h) / mg) + 1);
    const hi = Math.min(n, Math.ceil((x * ng + h) / mg) - 1);
    if (lo > hi) return 1;
    let below = 0; // cell (x, lo − 1) lies outside the band
    for (let y = lo; y <= hi; y++) {
      below = (x * u[y] + y * below) / (x + y);
      u[y] = below;
    }
  }
  // (m, n) is always inside the band, so u[n] is the share of paths that never left it.
  return Math.min(1, Math.max(0, 1 - u[n]));
}

/** Survival function of the limiting Kolmogorov distribution, P(K ≥ λ). */
export function kolmogorovSf(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 1.18) {
    // Small λ: the theta-function form converges in a handful of terms.
    const k = (Math.PI * Math.PI) / (8 * lambda * lambda);
    let cdf = 0;
    for (let j = 1; j <= 21; j += 2) cdf += Math.exp(-j * j * k);
    return 1 - (Math.sqrt(2 * Math.PI) / lambda) * cdf;
  }
  let sf = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sf += (j % 2 === 1 ? 2 : -2) * term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, sf));
}

/**
 * Two-sample KS test.
 * @param reference finite numbers, length ≥ 1
 * @param current finite numbers, length ≥ 1
 * @param method 'auto' (exact when both samples have ≤ 10 000 values), 'exact' or 'asymp'
 * @returns statistic D and two-sided p-value. 'asymp' uses Stephens' finite-sample correction
 *   of the Kolmogorov distribution, within 0.002 of scipy's asymptotic p-value (see tests).
 */
export function ks2samp(reference: readonly number[], current: readonly number[], method: 'auto' | 'exact' | 'asymp' = 'auto'): KsResult {
  assertFiniteSample(reference, 'reference');
  assertFiniteSample(current, 'current');
  const a = sortedCopy(reference);
  const b = sortedCopy(current);
  const g = gcd(a.length, b.length);
  const ag = a.length / g;
  const bg = b.length / g;
  const h = statisticUnits(a, b, ag, bg);
  const lcm = ag * b.length;
  const statistic = h / lcm;
  const useExact = method === 'exact' || (method === 'auto' && Math.max(a.length, b.length) <= KS_EXACT_MAX_N);
  if (h === 0) return { statistic, pValue: 1, method: useExact ? 'exact' : 'asymp' };
  if (useExact) {
    const [m, n, mg, ng] = a.length >= b.length ? [a.length, b.length, ag, bg] : [b.length, a.length, bg, ag];
    return { statistic, pValue: exactPValue(m, n, mg, ng, h), method: 'exact' };
  }
  const en = (a.length * b.length) / (a.length + b.length);
  const lambda = (Math.sqrt(en) + 0.12 + 0.11 / Math.sqrt(en)) * statistic;
  return { statistic, pValue: kolmogorovSf(lambda), method: 'asymp' };
}
