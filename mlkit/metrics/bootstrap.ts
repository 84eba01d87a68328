/**
 * Bootstrap confidence intervals: how much would a score move with a different test set of
 * the same size? Resample the test set with replacement many times, recompute the metric, and
 * read the spread (percentile method).
 */
import { mulberry32 } from '../data/random';
import { checkSameLength } from './check';

export interface ConfidenceInterval {
  /** The metric on the full data. */
  readonly estimate: number;
  /** Lower and upper percentile bounds of the resampled metric. */
  readonly low: number;
  readonly high: number;
  /** Coverage, e.g. 0.95. */
  readonly level: number;
  /** Resamples that produced a finite metric (those where it was undefined, e.g. one class only, are skipped). */
  readonly resamples: number;
}

export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  readonly resamples?: number;
  /** Coverage in (0, 1) (default 0.95). */
  readonly level?: number;
  /** Seed for the resampling (default 0): same seed, same interval. */
  readonly seed?: number;
}

/**
 * Percentile bootstrap interval for any metric of (labels, predictions or scores).
 * @param metric e.g. `(y, s) => rocAuc(y, s)`; may throw on a degenerate resample, which is then skipped.
 */
export function bootstrapCI(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  metric: (yTrue: Float64Array, yScore: Float64Array) => number,
  options: BootstrapOptions = {},
): ConfidenceInterval {
  checkSameLength(yTrue, yScore, 'yTrue', 'yScore');
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 10) throw new RangeError(`resamples must be an integer ≥ 10, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const n = yTrue.length;
  const estimate = metric(Float64Array.from(yTrue), Float64Array.from(yScore));
  const next = mulberry32(options.seed ?? 0);
  const y = new Float64Array(n),
    s = new Float64Array(n);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(next() * n);
      y[i] = yTrue[j];
      s[i] = yScore[j];
    }
    let v: number;
    try {
      v = metric(y, s);
    } catch {
      continue;
    }
    if (Number.isFinite(v)) values.push(v);
  }
  if (values.length === 0) throw new Error('bootstrap: the metric was undefined on every resample');
  values.sort((a, b) => a - b);
  return { estimate, low: quantile(values, (1 - level) / 2), high: quantile(values, 1 - (1 - level) / 2), level, resamples: values.length };
}

/** Linear-interpolated quantile of sorted values (numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
