/** Precision–recall curve and average precision, matching scikit-learn 1.2. */
import { binaryClfCurve } from './curve';

export interface PrCurve {
  /** Precision per threshold, ending with 1 (nothing flagged). */
  readonly precision: number[];
  /** Recall per threshold, decreasing, ending with 0. */
  readonly recall: number[];
  /** Score thresholds, increasing; one fewer than precision/recall. */
  readonly thresholds: number[];
}

/** Precision and recall at each distinct score, in increasing threshold order. */
export function precisionRecallCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>): PrCurve {
  const { fps, tps, thresholds } = binaryClfCurve(yTrue, scores);
  const nPos = tps[tps.length - 1];
  if (nPos === 0) throw new RangeError('precision–recall needs at least one positive in yTrue');
  const precision = tps.map((tp, i) => (tp + fps[i] === 0 ? 0 : tp / (tp + fps[i])));
  const recall = tps.map((tp) => tp / nPos);
  return { precision: [...precision.reverse(), 1], recall: [...recall.reverse(), 0], thresholds: thresholds.slice().reverse() };
}

/**
 * Average precision: Σₙ (Rₙ − Rₙ₋₁) · Pₙ, precision weighted by each step in recall — no
 * interpolation (scikit-learn's definition, not the trapezoid area).
 * @returns a number in [0, 1].
 */
export function averagePrecision(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { precision, recall } = precisionRecallCurve(yTrue, scores);
  let ap = 0;
  for (let i = 0; i < recall.length - 1; i++) ap -= (recall[i + 1] - recall[i]) * precision[i];
  return ap;
}
