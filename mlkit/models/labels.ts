/** Binary labels as 0/1, shared by the models and metrics. */

/** 1 for the positive class (spam), 0 for the negative class (ham). */
export type Binary = 0 | 1;

/** Check that every label is 0 or 1 and both classes occur; throws naming the first bad entry. */
export function checkBinaryLabels(y: ArrayLike<number>, what = 'labels'): void {
  let pos = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1) throw new TypeError(`${what}[${i}] must be 0 or 1, got ${String(v)}`);
    pos += v;
  }
  if (pos === 0 || pos === y.length)
    throw new RangeError(`${what} must contain both classes (0 and 1); got ${pos} positives of ${y.length}`);
}

/**
 * Class weights like scikit-learn's `class_weight='balanced'`: `n / (2 · count(class))`, so
 * each class contributes the same total weight.
 * @returns [weight of class 0, weight of class 1]
 */
export function balancedClassWeights(y: ArrayLike<number>): [number, number] {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i];
  const neg = y.length - pos;
  return [y.length / (2 * neg), y.length / (2 * pos)];
}
