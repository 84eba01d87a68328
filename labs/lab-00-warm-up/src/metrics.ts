/**
 * Scoring a classifier: compare its predictions with the true labels.
 * Labels are 1 (positive, e.g. spam) and 0 (negative, e.g. ham).
 */

/** 0 or 1 (numbers), one per example; any other value is an error. */
export type Labels = number[];

/**
 * Throws when the two arrays differ in length or hold anything but the numbers 0 and 1: a label
 * column read as text ('1'), booleans or -1/1 labels would otherwise be scored as if they meant
 * something, and the metric would come out quietly wrong.
 */
function checkLabels(yTrue: Labels, yPred: Labels): void {
  if (yTrue.length !== yPred.length) throw new Error(`yTrue has ${yTrue.length} labels but yPred has ${yPred.length}`);
  throw new Error("lab-00-warm-up: not implemented — throw an Error naming the array, the position and the value of the first label that is not the number 0 or 1");
}

/**
 * Share of predictions that equal the true label.
 * @param yTrue true labels, length n
 * @param yPred predicted labels, length n
 * @returns a number in [0, 1]; NaN when n = 0
 */
export function accuracy(yTrue: Labels, yPred: Labels): number {
  checkLabels(yTrue, yPred);
  throw new Error("lab-00-warm-up: not implemented — count the positions where yTrue[i] === yPred[i], divide by the length");
}

/**
 * Of the examples predicted positive, the share that really are positive: TP / (TP + FP).
 * @returns a number in [0, 1]; 0 when nothing is predicted positive
 */
export function precision(yTrue: Labels, yPred: Labels): number {
  checkLabels(yTrue, yPred);
  throw new Error("lab-00-warm-up: not implemented — count true positives and false positives; guard the 0 / 0 case");
}

/**
 * Of the examples that really are positive, the share predicted positive: TP / (TP + FN).
 * @returns a number in [0, 1]; 0 when there is no positive example
 */
export function recall(yTrue: Labels, yPred: Labels): number {
  checkLabels(yTrue, yPred);
  throw new Error("lab-00-warm-up: not implemented — count true positives and false negatives; guard the 0 / 0 case");
}
