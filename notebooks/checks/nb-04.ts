/**
 * Checks for the exercises of lesson 04 (Evaluation). The checker cells of the lesson run them:
 * `grader.check('nb-04.1', scoresOf)`. Read them when a check puzzles you: each compares what
 * your function returns with what the toolkit (`mlkit/metrics/`) computes.
 *
 * The lesson's own data are the validation split scored by the course's committed model,
 * `models/spam/1.0.0/`: it was trained with the lesson's recipe, and loading it takes a second
 * where retraining would take a minute.
 */
import * as path from 'node:path';
import { closeTo, satisfies, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';
import { readSpamSplit } from '../../datasets/read';
import { loadArtifact } from '../../mlkit/artifact/index';
import {
  applyThreshold,
  confusionMatrix,
  f1,
  precision,
  recall,
  rocAuc,
  thresholdForCost,
  type Confusion,
} from '../../mlkit/metrics/index';
import ranking from '../../mlkit/fixtures/sklearn-ranking.json';

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}
export type ScoresOf = (c: Confusion) => Scores;
export type AucByRanks = (y: readonly number[], s: ArrayLike<number>) => number;
export type CheapestThreshold = (
  y: readonly number[],
  s: ArrayLike<number>,
  costFp: number,
  costFn: number,
) => { threshold: number; cost: number };

/** Scores as the checks compare them: [precision, recall, F1]. */
export const asVector = (r: Scores): number[] => [r.precision, r.recall, r.f1];
export const toolkitScores = (c: Confusion): number[] => [precision(c), recall(c), f1(c)];

/** scikit-learn's `roc_auc_score` on four label/score sets, all with tied scores. */
export const SKLEARN_CASES: Array<{ y: number[]; s: number[]; auc: number }> = ranking.cases;

let validationScored: { y: number[]; s: number[] } | undefined;
/** The validation split's labels and the committed model's scores for it (read once). */
export function lessonValidation(): { y: number[]; s: number[] } {
  if (!validationScored) {
    const rows = readSpamSplit('validation');
    const model = loadArtifact(path.join(__dirname, '..', '..', 'models', 'spam', '1.0.0'));
    validationScored = {
      y: rows.map((r) => (r.label === 'spam' ? 1 : 0)),
      s: Array.from(model.classifier.predictProba(rows.map((r) => r.text))),
    };
  }
  return { y: validationScored.y.slice(), s: validationScored.s.slice() };
}

/** Cost per message when flagging `score >= threshold`. */
export function costAt(y: readonly number[], s: ArrayLike<number>, threshold: number, costFp: number, costFn: number): number {
  const c = confusionMatrix(y, applyThreshold(s, threshold));
  return (costFp * c.fp + costFn * c.fn) / y.length;
}

const validationAt = (t: number): Confusion => {
  const { y, s } = lessonValidation();
  return confusionMatrix(y, applyThreshold(s, t));
};

const scoresChecks: ExerciseChecks<{ scoresOf: ScoresOf }> = {
  id: 'nb-04.1',
  section: 'The confusion matrix',
  uses: ['scoresOf'],
  checks: [
    closeTo("validation at threshold 0.5: the toolkit's precision, recall and F1", {
      got: (f) => asVector(f.scoresOf(validationAt(0.5))),
      expected: () => toolkitScores(validationAt(0.5)),
      absolute: 1e-12,
      hint: 'precision divides by everything flagged (tp + fp), recall by every real spam (tp + fn)',
    }),
    closeTo('tp 6, fp 2, fn 4: precision 0.75, recall 0.6, F1 = 12 / 18 = 0.667', {
      got: (f) => asVector(f.scoresOf({ tp: 6, fp: 2, tn: 10, fn: 4 })),
      expected: [0.75, 0.6, 2 / 3],
      absolute: 1e-12,
      hint: 'F1 is the harmonic mean, 2·tp / (2·tp + fp + fn), not the average of precision and recall',
    }),
    closeTo('a model that flags nothing: all three 0, not NaN', {
      got: (f) => asVector(f.scoresOf({ tp: 0, fp: 0, tn: 90, fn: 10 })),
      expected: [0, 0, 0],
      absolute: 1e-12,
      hint: 'when a denominator is 0, return 0 for that ratio',
    }),
  ],
};

const aucChecks: ExerciseChecks<{ aucByRanks: AucByRanks }> = {
  id: 'nb-04.2',
  section: 'ROC curve and AUC',
  uses: ['aucByRanks'],
  checks: [
    closeTo("the validation scores: equal to the toolkit's rocAuc (trapezoids)", {
      got: (f) => {
        const { y, s } = lessonValidation();
        return f.aucByRanks(y, s);
      },
      expected: () => {
        const { y, s } = lessonValidation();
        return rocAuc(y, s);
      },
      absolute: 1e-9,
      hint: 'sort the indices by score with a numeric comparator, (a, b) => s[a] - s[b], and average the ranks of tied scores',
    }),
    closeTo('4 scores without ties: 3 of the 4 (spam, ham) pairs in order = 0.75', {
      got: (f) => f.aucByRanks(SKLEARN_CASES[0].y, SKLEARN_CASES[0].s),
      expected: 0.75,
      absolute: 1e-12,
      hint: 'ranks start at 1 for the lowest score; subtract n₊(n₊ + 1)/2 and divide by n₊ × n₋',
    }),
    closeTo("7 scores with ties: scikit-learn's roc_auc_score = 0.5417", {
      got: (f) => f.aucByRanks(SKLEARN_CASES[1].y, SKLEARN_CASES[1].s),
      expected: SKLEARN_CASES[1].auc,
      absolute: 1e-12,
      hint: 'tied scores share the average of their ranks (a tie counts half a pair)',
    }),
  ],
};

const COSTS = { fp: 10, fn: 1 };
const thresholdChecks: ExerciseChecks<{ cheapestThreshold: CheapestThreshold }> = {
  id: 'nb-04.3',
  section: 'Choosing the threshold from costs',
  uses: ['cheapestThreshold'],
  checks: [
    closeTo("validation, FP = 10, FN = 1: the cost of the toolkit's thresholdForCost", {
      got: (f) => {
        const { y, s } = lessonValidation();
        return f.cheapestThreshold(y, s, COSTS.fp, COSTS.fn).cost;
      },
      expected: () => {
        const { y, s } = lessonValidation();
        return thresholdForCost(y, s, COSTS.fp, COSTS.fn).value;
      },
      absolute: 1e-12,
      hint: 'cost per message = (costFp × fp + costFn × fn) / n, with fp the ham flagged and fn the spam let through',
    }),
    satisfies("validation, FP = 10, FN = 1: your threshold flags the same messages as the toolkit's and costs what you report", {
      got: (f) => {
        const { y, s } = lessonValidation();
        const mine = f.cheapestThreshold(y, s, COSTS.fp, COSTS.fn);
        const kit = thresholdForCost(y, s, COSTS.fp, COSTS.fn);
        const kitFlags = applyThreshold(s, kit.threshold);
        const differ = Array.from(applyThreshold(s, mine.threshold)).filter((v, i) => v !== kitFlags[i]).length;
        return { threshold: mine.threshold, differ, costThere: costAt(y, s, mine.threshold, COSTS.fp, COSTS.fn), reported: mine.cost };
      },
      test: (r) => r.differ === 0 && Math.abs(r.costThere - r.reported) < 1e-12,
      expected: 'the same flagged messages as thresholdForCost, and a reported cost equal to the cost at your threshold',
      show: (r) =>
        `threshold ${r.threshold}: ${r.differ} messages flagged differently, cost there ${r.costThere.toFixed(6)}, reported ${r.reported.toFixed(6)}`,
      hint: 'flag a message when its score is ≥ t (not >); among equally cheap thresholds keep the highest',
    }),
    closeTo('four messages by hand, FP = 1, FN = 1: t = 0.9 and t = 0.6 both make one mistake; the higher wins', {
      got: (f) => {
        const r = f.cheapestThreshold([0, 1, 0, 1], [0.2, 0.6, 0.7, 0.9], 1, 1);
        return [r.threshold, r.cost];
      },
      expected: [0.9, 0.25],
      absolute: 1e-12,
      hint: 'try every score as t, from the highest down, and replace the best only when strictly cheaper',
    }),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [scoresChecks, aucChecks, thresholdChecks];

export const grader = createGrader('notebooks/checks/nb-04.ts', exercises);
