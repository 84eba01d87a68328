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
  // BEGIN SOLUTION hint: throw an Error naming the array, the position and the value of the first label that is not the number 0 or 1
  for (const [name, labels] of [
    ['yTrue', yTrue],
    ['yPred', yPred],
  ] as const) {
    const i = labels.findIndex((y) => y !== 0 && y !== 1);
    const bad: unknown = labels[i];
    const shown = typeof bad === 'string' ? JSON.stringify(bad) : String(bad);
    if (i >= 0) throw new Error(`${name}[${i}] is ${shown}: labels must be the numbers 0 and 1`);
  }
  // END SOLUTION
}

/**
 * Share of predictions that equal the true label.
 * @param yTrue true labels, length n
 * @param yPred predicted labels, length n
 * @returns a number in [0, 1]; NaN when n = 0
 */
export function accuracy(yTrue: Labels, yPred: Labels): number {
  checkLabels(yTrue, yPred);
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
  checkLabels(yTrue, yPred);
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
  checkLabels(yTrue, yPred);
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
