/**
 * Hidden checks for lesson 04's exercises: other inputs than the lesson's, and the edges. Same
 * shape as the public `notebooks/checks/nb-04.ts`; only graders run these.
 *
 * No threshold check on zero messages: a cost per message needs at least one message.
 */
import { closeTo, satisfies, type ExerciseChecks } from '../../../grading/exercises/check';
import { rocAuc, thresholdForCost } from '../../../mlkit/metrics/index';
import {
  asVector,
  costAt,
  lessonValidation,
  SKLEARN_CASES,
  toolkitScores,
  type AucByRanks,
  type CheapestThreshold,
  type ScoresOf,
} from '../../../notebooks/checks/nb-04';

type P = { scoresOf: ScoresOf };
const same = (name: string, c: { tp: number; fp: number; tn: number; fn: number }, hint: string) =>
  closeTo<P>(name, { got: (f) => asVector(f.scoresOf(c)), expected: () => toolkitScores(c), absolute: 1e-12, hint });

const scoresChecks: ExerciseChecks<P> = {
  id: 'nb-04.1',
  section: 'The confusion matrix',
  uses: ['scoresOf'],
  checks: [
    same(
      'precision and recall differ: tp 3, fp 1, fn 9',
      { tp: 3, fp: 1, tn: 50, fn: 9 },
      'precision = tp / (tp + fp) = 0.75; recall = tp / (tp + fn) = 0.25',
    ),
    same(
      'no spam at all, a few flagged: recall and F1 0, precision 0',
      { tp: 0, fp: 4, tn: 20, fn: 0 },
      'recall has denominator tp + fn = 0 here: return 0',
    ),
    same('an empty matrix: all 0', { tp: 0, fp: 0, tn: 0, fn: 0 }, 'every denominator is 0: return 0 for each ratio'),
    same('a perfect model: all 1', { tp: 12, fp: 0, tn: 30, fn: 0 }, 'with no mistakes precision = recall = F1 = 1'),
    same('large counts', { tp: 123456, fp: 7890, tn: 999999, fn: 4321 }, 'use the counts as they are; no rounding'),
  ],
};

type A = { aucByRanks: AucByRanks };
const auc = (name: string, y: number[], s: number[], expected: number, hint: string) =>
  closeTo<A>(name, { got: (f) => f.aucByRanks(y, s), expected, absolute: 1e-12, hint });

const aucChecks: ExerciseChecks<A> = {
  id: 'nb-04.2',
  section: 'ROC curve and AUC',
  uses: ['aucByRanks'],
  checks: [
    auc(
      '10 scores, many ties (scikit-learn)',
      SKLEARN_CASES[2].y,
      SKLEARN_CASES[2].s,
      SKLEARN_CASES[2].auc,
      'a run of k tied scores from rank r gets r + (k − 1)/2 each',
    ),
    auc(
      '300 scores, two decimals, many ties (scikit-learn)',
      SKLEARN_CASES[3].y,
      SKLEARN_CASES[3].s,
      SKLEARN_CASES[3].auc,
      'tied scores share the average of their ranks',
    ),
    auc(
      'every score tied: 0.5',
      [1, 0, 1, 0, 0],
      [0.3, 0.3, 0.3, 0.3, 0.3],
      0.5,
      'when every score is the same, every pair is a tie and counts half',
    ),
    auc('every spam above every ham: 1', [0, 1, 0, 1], [0.1, 0.8, 0.2, 0.9], 1, 'the rank sum of the positives is at its largest here'),
    auc(
      'every spam below every ham: 0',
      [1, 0, 1, 0],
      [0.1, 0.8, 0.2, 0.9],
      0,
      'subtract the smallest rank sum, n₊(n₊ + 1)/2, not n₋(n₋ + 1)/2',
    ),
    auc('one spam and one ham', [1, 0], [0.7, 0.4], 1, 'n₊ × n₋ = 1 pair here'),
    auc(
      'negative scores and extremes',
      [0, 1, 0, 1, 1],
      [-1e9, 3e-12, -5, 1e9, -5],
      5.5 / 6,
      'only the order of the scores matters; sort numerically',
    ),
    satisfies<A, boolean>('a missing class gives NaN', {
      got: (f) => [f.aucByRanks([1, 1, 1], [0.1, 0.5, 0.9]), f.aucByRanks([0, 0], [0.1, 0.2])].every((v) => Number.isNaN(v)),
      test: (nan) => nan,
      expected: 'NaN when every label is spam, and when every label is ham',
      show: (nan) => (nan ? 'NaN both times' : 'a number where the AUC does not exist'),
      hint: 'with n₊ × n₋ = 0 there are no pairs to count: the formula gives 0 / 0 = NaN, leave it so',
    }),
    satisfies<A, boolean>('leaves the scores unchanged', {
      got: (f) => {
        const s = [0.9, 0.1, 0.5, 0.3];
        f.aucByRanks([1, 0, 1, 0], s);
        return s.join() === '0.9,0.1,0.5,0.3';
      },
      test: (same) => same,
      expected: 'the scores in their original order',
      show: (same) => (same ? 'scores unchanged' : 'the scores were sorted in place'),
      hint: 'sort a list of indices, not the scores themselves',
    }),
    closeTo<A>("validation scores rounded to 2 decimals (hundreds of ties): the toolkit's rocAuc", {
      got: (f) => {
        const { y, s } = lessonValidation();
        return f.aucByRanks(
          y,
          s.map((v) => Math.round(v * 100) / 100),
        );
      },
      expected: () => {
        const { y, s } = lessonValidation();
        return rocAuc(
          y,
          s.map((v) => Math.round(v * 100) / 100),
        );
      },
      absolute: 1e-9,
      hint: 'tied scores share the average of their ranks',
    }),
  ],
};

type T = { cheapestThreshold: CheapestThreshold };
// `data` is called when the check runs, so importing these checks reads no file.
const matchesToolkit = (name: string, data: () => { y: number[]; s: number[] }, costFp: number, costFn: number, hint: string) =>
  satisfies<T, { cost: number; want: number; costThere: number }>(name, {
    got: (f) => {
      const { y, s } = data();
      const r = f.cheapestThreshold(y, s, costFp, costFn);
      return { cost: r.cost, want: thresholdForCost(y, s, costFp, costFn).value, costThere: costAt(y, s, r.threshold, costFp, costFn) };
    },
    test: (r) => Math.abs(r.cost - r.want) < 1e-12 && Math.abs(r.costThere - r.want) < 1e-12,
    expected: 'the lowest cost per message, reached at the threshold returned',
    show: (r) => `reported cost ${r.cost}, cost at your threshold ${r.costThere}, lowest possible ${r.want}`,
    hint,
  });

const thresholdChecks: ExerciseChecks<T> = {
  id: 'nb-04.3',
  section: 'Choosing the threshold from costs',
  uses: ['cheapestThreshold'],
  checks: [
    matchesToolkit(
      'validation at fraud-like costs, FP = 1, FN = 50',
      lessonValidation,
      1,
      50,
      'costFp prices the false positives, costFn the false negatives',
    ),
    matchesToolkit(
      'validation scores rounded to 2 decimals (many ties), FP = 10, FN = 1',
      () => {
        const { y, s } = lessonValidation();
        return { y, s: s.map((v) => Math.round(v * 100) / 100) };
      },
      10,
      1,
      'candidates are the distinct scores; every message with s ≥ t is flagged',
    ),
    closeTo<T>('false positives free: every t that catches all spam costs 0; the highest, 0.6, wins', {
      got: (f) => {
        const r = f.cheapestThreshold([0, 1, 0, 1], [0.2, 0.6, 0.7, 0.9], 0, 1);
        return [r.threshold, r.cost];
      },
      expected: [0.6, 0],
      absolute: 1e-12,
      hint: 'flag with s ≥ t, so t = 0.6 flags the spam at 0.6; among equally cheap thresholds keep the highest',
    }),
    closeTo<T>('false negatives free: flag nothing (t = Infinity)', {
      got: (f) => {
        const r = f.cheapestThreshold([0, 1, 0, 1], [0.2, 0.6, 0.7, 0.9], 1, 0);
        return r.threshold === Infinity ? [1, r.cost] : [0, r.cost];
      },
      expected: [1, 0],
      absolute: 1e-12,
      hint: 'include Infinity among the candidates; on a tie keep the highest threshold',
    }),
    closeTo<T>('a single message, a ham: flag nothing, cost 0', {
      got: (f) => f.cheapestThreshold([0], [0.4], 10, 1).cost,
      expected: 0,
      absolute: 1e-12,
      hint: 'with t = Infinity nothing is flagged, so a lone ham costs nothing',
    }),
    closeTo<T>('tied scores move together: t = 0.5 flags all three at 0.5', {
      got: (f) => {
        const r = f.cheapestThreshold([1, 1, 0, 0], [0.5, 0.5, 0.5, 0.1], 1, 5);
        return [r.threshold, r.cost];
      },
      expected: [0.5, 0.25],
      absolute: 1e-12,
      hint: 'candidates are the distinct scores; every message with s ≥ t is flagged',
    }),
    satisfies<T, boolean>('leaves the scores unchanged', {
      got: (f) => {
        const s = [0.9, 0.1, 0.5, 0.3];
        f.cheapestThreshold([1, 0, 1, 0], s, 10, 1);
        return s.join() === '0.9,0.1,0.5,0.3';
      },
      test: (same) => same,
      expected: 'the scores in their original order',
      show: (same) => (same ? 'scores unchanged' : 'the scores were sorted in place'),
      hint: 'sort a copy of the distinct scores, not s itself',
    }),
  ],
};

export const exercises = [scoresChecks, aucChecks, thresholdChecks];
