/** All headline metrics for one set of scores at one threshold, in the artifact's format. */
import { accuracy, applyThreshold, confusionMatrix, f1, precision, recall } from './confusion';
import { averagePrecision } from './pr';
import { rocAuc } from './roc';

/** The metrics block of `metadata.json` (snake_case, as the artifact contract spells it). */
export interface MetricsReport {
  readonly n: number;
  readonly positives: number;
  readonly threshold: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly roc_auc: number;
  readonly average_precision: number;
  readonly confusion: { readonly tp: number; readonly fp: number; readonly tn: number; readonly fn: number };
}

/**
 * Evaluate scores against labels.
 * @param yTrue 0/1 labels, length n (both classes present).
 * @param scores P(spam) per message, length n.
 * @param threshold flag as spam when `score >= threshold`.
 */
export function evaluateScores(yTrue: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): MetricsReport {
  const c = confusionMatrix(yTrue, applyThreshold(scores, threshold));
  return {
    n: yTrue.length,
    positives: c.tp + c.fn,
    threshold,
    accuracy: accuracy(c),
    precision: precision(c),
    recall: recall(c),
    f1: f1(c),
    roc_auc: rocAuc(yTrue, scores),
    average_precision: averagePrecision(yTrue, scores),
    confusion: c,
  };
}
