/**
 * Cumulative counts behind ROC and precision–recall curves, as scikit-learn's
 * `_binary_clf_curve`: sort by score (descending, stable), and at each distinct score count the
 * true and false positives among messages scoring at least that much. Tied scores move
 * together, which is how ties are handled everywhere downstream.
 */
import { checkScored } from './check';

export interface ClfCurve {
  /** False positives at each threshold (non-decreasing). */
  readonly fps: number[];
  /** True positives at each threshold (non-decreasing). */
  readonly tps: number[];
  /** Distinct scores, decreasing. */
  readonly thresholds: number[];
}

export function binaryClfCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>): ClfCurve {
  checkScored(yTrue, scores);
  const order = Array.from({ length: scores.length }, (_, i) => i);
  // Stable descending sort; equal scores keep reverse index order like numpy's mergesort[::-1].
  order.sort((a, b) => scores[b] - scores[a] || b - a);
  const fps: number[] = [],
    tps: number[] = [],
    thresholds: number[] = [];
  let tp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    tp += yTrue[i];
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[i]) {
      tps.push(tp);
      fps.push(k + 1 - tp);
      thresholds.push(scores[i]);
    }
  }
  return { fps, tps, thresholds };
}
