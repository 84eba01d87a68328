/**
 * Choosing the decision threshold on a validation set.
 *
 * A model gives a probability; the product needs a yes/no. Candidate thresholds are the
 * distinct validation scores. The chosen threshold is the midpoint between the chosen score
 * and the next lower one, so a message scoring exactly like a validation neighbour is not
 * decided by a floating-point coin toss.
 */
import { binaryClfCurve } from './curve';

export interface ThresholdChoice {
  /** Flag as positive when `score >= threshold`. */
  readonly threshold: number;
  /** The value of the criterion at that threshold (cost per message, or F1). */
  readonly value: number;
}

// Walks the candidates from the highest score down; `score(tp, fp, fn)` is maximised, and the
// first (highest) threshold wins ties. Index -1 stands for "flag nothing".
function choose(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  score: (tp: number, fp: number, fn: number) => number,
): ThresholdChoice {
  const { fps, tps, thresholds } = binaryClfCurve(yTrue, scores);
  const nPos = tps[tps.length - 1];
  let best = -1;
  let bestValue = score(0, 0, nPos);
  for (let i = 0; i < thresholds.length; i++) {
    const v = score(tps[i], fps[i], nPos - tps[i]);
    if (v > bestValue) {
      best = i;
      bestValue = v;
    }
  }
  if (best === -1) return { threshold: nextAbove(thresholds[0]), value: bestValue };
  const here = thresholds[best];
  const lower = thresholds[best + 1];
  return { threshold: lower === undefined ? here : (here + lower) / 2, value: bestValue };
}

/**
 * Threshold with the lowest expected cost per message on validation data.
 * @param costFp cost of flagging a ham message (a false positive), ≥ 0.
 * @param costFn cost of missing a spam message (a false negative), ≥ 0.
 * @returns the threshold, and `value` = mean cost per message at it.
 */
export function thresholdForCost(yTrue: ArrayLike<number>, scores: ArrayLike<number>, costFp: number, costFn: number): ThresholdChoice {
  if (!(costFp >= 0) || !(costFn >= 0)) throw new RangeError(`costs must be ≥ 0, got costFp=${costFp}, costFn=${costFn}`);
  const n = yTrue.length;
  const c = choose(yTrue, scores, (_tp, fp, fn) => -(costFp * fp + costFn * fn) / n);
  return { threshold: c.threshold, value: -c.value };
}

/** Threshold with the highest F1 on validation data; `value` = that F1. */
export function thresholdForF1(yTrue: ArrayLike<number>, scores: ArrayLike<number>): ThresholdChoice {
  return choose(yTrue, scores, (tp, fp, fn) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)));
}

// A finite double just above x (the next one or two up): "flag nothing" must stay JSON-safe.
function nextAbove(x: number): number {
  return x + Math.max(Math.abs(x) * Number.EPSILON, Number.MIN_VALUE);
}
