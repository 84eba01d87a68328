/**
 * Domain-classifier drift: train a classifier to tell current rows (label 1) from reference rows
 * (label 0). If it does better than chance on rows it did not train on (ROC-AUC > 0.55), the two
 * sets differ. The classifier is passed in, so any model works (bag of words, TF.js, ...).
 */
import { assertFiniteSample } from './validate';

/** Default ROC-AUC above which the domain classifier signals drift. */
export const DOMAIN_AUC_THRESHOLD = 0.55;

/**
 * ROC-AUC as the Mann–Whitney probability P(score_pos > score_neg), ties counting one half.
 * @param negativeScores scores of label-0 rows
 * @param positiveScores scores of label-1 rows
 */
export function rocAuc(negativeScores: readonly number[], positiveScores: readonly number[]): number {
  assertFiniteSample(negativeScores, 'negativeScores');
  assertFiniteSample(positiveScores, 'positiveScores');
  const all = [...negativeScores.map((s) => ({ s, pos: false })), ...positiveScores.map((s) => ({ s, pos: true }))];
  all.sort((a, b) => a.s - b.s);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j].s === all[i].s) j++;
    const avgRank = (i + 1 + j) / 2; // ranks i+1 … j share their average
    for (let k = i; k < j; k++) if (all[k].pos) rankSumPos += avgRank;
    i = j;
  }
  const nPos = positiveScores.length;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * negativeScores.length);
}

export interface DomainDrift {
  roc_auc: number;
  threshold: number;
  drifted: boolean;
}

/**
 * Drift verdict from held-out domain-classifier scores.
 * @param referenceScores scores of reference rows the classifier did not train on
 * @param currentScores scores of current rows the classifier did not train on
 */
export function domainClassifierDrift(
  referenceScores: readonly number[],
  currentScores: readonly number[],
  threshold = DOMAIN_AUC_THRESHOLD,
): DomainDrift {
  // Check here so a bad score is reported under the caller's names, not rocAuc's.
  assertFiniteSample(referenceScores, 'referenceScores');
  assertFiniteSample(currentScores, 'currentScores');
  const auc = rocAuc(referenceScores, currentScores);
  return { roc_auc: auc, threshold, drifted: auc > threshold };
}

/** Trains on items with labels (1 = current, 0 = reference) and returns a scoring function. */
export type TrainDomainClassifier<T> = (items: T[], labels: Array<0 | 1>) => (item: T) => number;

/**
 * Cross-fitted domain classifier: k folds (row i of each set goes to fold i mod k), each fold
 * scored by a classifier trained on the others, then `domainClassifierDrift` on all scores.
 * @param folds number of folds, 2 … min(set sizes); default 5 (or fewer for small sets)
 */
export function domainClassifierDriftCV<T>(
  reference: readonly T[],
  current: readonly T[],
  train: TrainDomainClassifier<T>,
  opts: { folds?: number; threshold?: number } = {},
): DomainDrift {
  const smallest = Math.min(reference.length, current.length);
  if (smallest < 2) throw new RangeError('domainClassifierDriftCV needs at least 2 reference and 2 current rows');
  const folds = opts.folds ?? Math.min(5, smallest);
  if (!Number.isInteger(folds) || folds < 2 || folds > smallest) {
    throw new RangeError(`folds must be an integer in [2, ${smallest}], got ${folds}`);
  }
  const refScores: number[] = [];
  const curScores: number[] = [];
  for (let f = 0; f < folds; f++) {
    const items: T[] = [];
    const labels: Array<0 | 1> = [];
    reference.forEach((x, i) => {
      if (i % folds !== f) {
        items.push(x);
        labels.push(0);
      }
    });
    current.forEach((x, i) => {
      if (i % folds !== f) {
        items.push(x);
        labels.push(1);
      }
    });
    const score = train(items, labels);
    reference.forEach((x, i) => {
      if (i % folds === f) refScores.push(score(x));
    });
    current.forEach((x, i) => {
      if (i % folds === f) curScores.push(score(x));
    });
  }
  return domainClassifierDrift(refScores, curScores, opts.threshold ?? DOMAIN_AUC_THRESHOLD);
}
