/**
 * Checks for the exercises of lesson 01 (Framing the problem). The checker cells of the lesson
 * run them: `grader.check('nb-01.1', countOutcomes)`. Read them when a check puzzles you: each
 * compares what your function returns with what the lesson says it should.
 */
import { closeTo, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';
import { readSpamSplit } from '../../datasets/read';
import { confusionMatrix, type Confusion } from '../../mlkit/metrics/index';

export type CountOutcomes = (yTrue: readonly number[], yPred: readonly number[]) => Confusion;
export type CostPerCase = (c: Confusion, costFp: number, costFn: number) => number;

/** A confusion matrix as the checks compare it: [tp, fp, tn, fn]. */
export const counts = (c: Confusion): number[] => [c.tp, c.fp, c.tn, c.fn];

// Eight messages counted by hand: 2 TP (rows 0, 1), 1 FN (2), 3 FP (3, 4, 5), 2 TN (6, 7).
const TRUTH = [1, 1, 1, 0, 0, 0, 0, 0];
const PRED = [1, 1, 0, 1, 1, 1, 0, 0];

/** The validation split's labels, and a crude rule's predictions: flag every text containing "free". */
export function freeRule(): { yTrue: number[]; yPred: number[] } {
  const rows = readSpamSplit('validation');
  return { yTrue: rows.map((r) => (r.label === 'spam' ? 1 : 0)), yPred: rows.map((r) => (/\bfree\b/i.test(r.text) ? 1 : 0)) };
}

const countChecks: ExerciseChecks<{ countOutcomes: CountOutcomes }> = {
  id: 'nb-01.1',
  section: 'Two kinds of mistake',
  uses: ['countOutcomes'],
  checks: [
    closeTo('eight messages by hand: [tp, fp, tn, fn] = [2, 3, 2, 1]', {
      got: (f) => counts(f.countOutcomes(TRUTH, PRED)),
      expected: [2, 3, 2, 1],
      absolute: 0.5,
      hint: 'a false positive is a ham (truth 0) flagged spam (prediction 1); a false negative the other way round',
    }),
    closeTo('the "contains free" rule on the validation split: the toolkit\'s counts', {
      got: (f) => {
        const { yTrue, yPred } = freeRule();
        return counts(f.countOutcomes(yTrue, yPred));
      },
      expected: () => {
        const { yTrue, yPred } = freeRule();
        return counts(confusionMatrix(yTrue, yPred));
      },
      absolute: 0.5,
      hint: 'look at every message once; the four counts must add up to the number of messages',
    }),
  ],
};

const MODEL_A: Confusion = { tp: 95, fn: 5, fp: 40, tn: 860 };
const MODEL_B: Confusion = { tp: 80, fn: 20, fp: 2, tn: 898 };

const costChecks: ExerciseChecks<{ costPerCase: CostPerCase }> = {
  id: 'nb-01.2',
  section: 'The same model, two verdicts: spam versus fraud',
  uses: ['costPerCase'],
  checks: [
    closeTo('model A at fraud costs (FP 1, FN 50): (40 + 250) / 1000 = 0.29', {
      got: (f) => f.costPerCase(MODEL_A, 1, 50),
      expected: 0.29,
      relative: 1e-12,
      hint: 'costFp multiplies the false positives, costFn the false negatives',
    }),
    closeTo('model B at spam costs (FP 10, FN 1): (20 + 20) / 1000 = 0.04', {
      got: (f) => f.costPerCase(MODEL_B, 10, 1),
      expected: 0.04,
      relative: 1e-12,
      hint: 'divide the total cost by every case the model looked at: tp + fp + tn + fn',
    }),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [countChecks, costChecks];

export const grader = createGrader('notebooks/checks/nb-01.ts', exercises);
