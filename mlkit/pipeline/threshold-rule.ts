/**
 * The course's one rule for the decision threshold. `npm run train`, notebook 04's export, lab
 * 01 (which serves the threshold an artifact carries) and lab 05's retrain all take the threshold
 * from here, so a model made anywhere in the course is decided the same way.
 *
 * The rule: the threshold that maximises F1 on the validation split (never test). Lesson 01's
 * costs (a lost real e-mail = 10, a spam in the inbox = 1) are how the course *prices* every
 * model, and lesson 04 computes the threshold they would choose; the course does not ship it,
 * because on a validation split of a few hundred ham messages that threshold is set by the one
 * or two ham messages with the highest scores, and it gives up recall the later mail needs.
 * Lesson 04 shows both on the same data; its *Which rule ships* section gives the numbers.
 */
import { type ThresholdChoice, thresholdForCost, thresholdForF1 } from '../metrics/threshold';

/** How to pick a threshold on validation data. */
export type ThresholdRule = { readonly rule: 'f1' } | { readonly rule: 'cost'; readonly costFp: number; readonly costFn: number };

/** Lesson 01's costs, in "spam messages reaching the inbox": a false positive costs 10, a false negative 1. */
export const COURSE_COSTS = { falsePositive: 10, falseNegative: 1 } as const;

/** The rule every model of the course is thresholded with. */
export const COURSE_THRESHOLD_RULE: ThresholdRule = { rule: 'f1' };

/** {@link COURSE_THRESHOLD_RULE} in words, as an artifact's `metadata.json` records it (`threshold_rule`). */
export const COURSE_THRESHOLD_RULE_TEXT = 'maximise F1 on validation';

/**
 * The threshold `rule` picks on validation data.
 * @param yTrue 0/1 labels, length n (1 = spam).
 * @param scores P(spam), length n.
 * @returns the threshold (flag when `score >= threshold`) and the criterion's value there.
 */
export function thresholdByRule(yTrue: ArrayLike<number>, scores: ArrayLike<number>, rule: ThresholdRule): ThresholdChoice {
  if (yTrue.length !== scores.length) throw new RangeError(`${yTrue.length} labels but ${scores.length} scores`);
  if (rule.rule === 'f1') return thresholdForF1(yTrue, scores);
  if (rule.rule === 'cost') return thresholdForCost(yTrue, scores, rule.costFp, rule.costFn);
  throw new TypeError(`unknown threshold rule ${JSON.stringify(rule)}: expected {rule: "f1"} or {rule: "cost", costFp, costFn}`);
}

/**
 * The course's threshold for these validation labels and scores ({@link COURSE_THRESHOLD_RULE}).
 * @param yTrue 0/1 labels of the validation rows, length n.
 * @param scores the model's P(spam) for the same rows, length n.
 */
export function courseThreshold(yTrue: ArrayLike<number>, scores: ArrayLike<number>): ThresholdChoice {
  return thresholdByRule(yTrue, scores, COURSE_THRESHOLD_RULE);
}
