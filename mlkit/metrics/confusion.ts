/**
 * Confusion matrix and the scores read off it. Positive class = 1 (spam).
 * Ratios with a zero denominator are 0, as scikit-learn's `zero_division` default gives.
 */
import { checkSameLength } from './check';

/** Counts of the four outcomes for a binary classifier. */
export interface Confusion {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

/**
 * Count outcomes.
 * @param yTrue true labels, 0/1, length n.
 * @param yPred predicted labels, 0/1, length n.
 */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Confusion {
  checkSameLength(yTrue, yPred, 'yTrue', 'yPred');
  let tp = 0,
    fp = 0,
    tn = 0,
    fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i],
      p = yPred[i];
    if ((t !== 0 && t !== 1) || (p !== 0 && p !== 1))
      throw new TypeError(`labels must be 0 or 1; at index ${i} got yTrue=${String(t)}, yPred=${String(p)}`);
    if (t === 1) p === 1 ? tp++ : fn++;
    else p === 1 ? fp++ : tn++;
  }
  return { tp, fp, tn, fn };
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Share of correct predictions, in [0, 1]. */
export const accuracy = (c: Confusion): number => ratio(c.tp + c.tn, c.tp + c.fp + c.tn + c.fn);
/** Of the messages flagged spam, the share that are spam. */
export const precision = (c: Confusion): number => ratio(c.tp, c.tp + c.fp);
/** Of the spam messages, the share flagged (true positive rate). */
export const recall = (c: Confusion): number => ratio(c.tp, c.tp + c.fn);
/** Harmonic mean of precision and recall: 2·tp / (2·tp + fp + fn). */
export const f1 = (c: Confusion): number => ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);

/** Predicted labels from scores: 1 where `score >= threshold`. */
export function applyThreshold(scores: ArrayLike<number>, threshold: number): Uint8Array {
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = scores[i] >= threshold ? 1 : 0;
  return out;
}
