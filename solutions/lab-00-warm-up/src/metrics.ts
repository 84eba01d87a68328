/**
 * Scoring a classifier: compare its predictions with the true labels.
 * Labels are 1 (positive, e.g. spam) and 0 (negative, e.g. ham).
 */

/** 0 or 1, one per example. */
export type Labels = number[];

function sameLength(yTrue: Labels, yPred: Labels): void {
  if (yTrue.length !== yPred.length) throw new Error(`yTrue has ${yTrue.length} labels but yPred has ${yPred.length}`);
}

/**
 * Share of predictions that equal the true label.
 * @param yTrue true labels, length n
 * @param yPred predicted labels, length n
 * @returns a number in [0, 1]; NaN when n = 0
 */
export function accuracy(yTrue: Labels, yPred: Labels): number {
  sameLength(yTrue, yPred);
  // BEGIN SOLUTION hint: count the positions where yTrue[i] === yPred[i], divide by the length
  if (yTrue.length === 0) return NaN;
  let right = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) right++;
  return right / yTrue.length;
  // END SOLUTION
}

/**
 * Of the examples predicted positive, the share that really are positive: TP / (TP + FP).
 * @returns a number in [0, 1]; 0 when nothing is predicted positive
 */
export function precision(yTrue: Labels, yPred: Labels): number {
  sameLength(yTrue, yPred);
  // BEGIN SOLUTION hint: count true positives and false positives; guard the 0 / 0 case
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yPred[i] === 1 && yTrue[i] === 1) tp++;
    if (yPred[i] === 1 && yTrue[i] === 0) fp++;
  }
  return tp + fp === 0 ? 0 : tp / (tp + fp);
  // END SOLUTION
}

/**
 * Of the examples that really are positive, the share predicted positive: TP / (TP + FN).
 * @returns a number in [0, 1]; 0 when there is no positive example
 */
export function recall(yTrue: Labels, yPred: Labels): number {
  sameLength(yTrue, yPred);
  // BEGIN SOLUTION hint: count true positives and false negatives; guard the 0 / 0 case
  let tp = 0;
  let fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] === 1 && yPred[i] === 1) tp++;
    if (yTrue[i] === 1 && yPred[i] === 0) fn++;
  }
  return tp + fn === 0 ? 0 : tp / (tp + fn);
  // END SOLUTION
}
