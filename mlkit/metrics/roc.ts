/** ROC curve and the area under it, matching scikit-learn's `roc_curve` and `roc_auc_score`. */
import { binaryClfCurve } from './curve';

export interface RocCurve {
  /** False positive rate per threshold, from 0 to 1. */
  readonly fpr: number[];
  /** True positive rate (recall) per threshold, from 0 to 1. */
  readonly tpr: number[];
  /** Score thresholds, decreasing; the first is `Infinity` (nothing flagged). */
  readonly thresholds: number[];
}

/**
 * ROC curve. With `dropIntermediate` (scikit-learn's default) points on a straight segment are
 * dropped; the area does not change.
 * @throws when `yTrue` lacks one of the classes (the curve is undefined).
 */
export function rocCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>, dropIntermediate = true): RocCurve {
  let { fps, tps, thresholds } = binaryClfCurve(yTrue, scores);
  const nNeg = fps[fps.length - 1];
  const nPos = tps[tps.length - 1];
  if (nPos === 0 || nNeg === 0) throw new RangeError('ROC needs both classes in yTrue');
  if (dropIntermediate && fps.length > 2) {
    const keep: number[] = [];
    for (let i = 0; i < fps.length; i++) {
      if (i === 0 || i === fps.length - 1) keep.push(i);
      else if (secondDiff(fps, i) !== 0 || secondDiff(tps, i) !== 0) keep.push(i);
    }
    fps = keep.map((i) => fps[i]);
    tps = keep.map((i) => tps[i]);
    thresholds = keep.map((i) => thresholds[i]);
  }
  return {
    fpr: [0, ...fps.map((v) => v / nNeg)],
    tpr: [0, ...tps.map((v) => v / nPos)],
    thresholds: [Infinity, ...thresholds],
  };
}

function secondDiff(a: number[], i: number): number {
  return a[i + 1] - 2 * a[i] + a[i - 1];
}

/** Trapezoid-rule area under the points (x[i], y[i]); x must be monotone. */
export function trapezoid(x: readonly number[], y: readonly number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return area;
}

/**
 * ROC-AUC: the probability that a random spam scores above a random ham (ties count half).
 * @returns a number in [0, 1]; 0.5 is chance.
 */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { fpr, tpr } = rocCurve(yTrue, scores);
  return trapezoid(fpr, tpr);
}
