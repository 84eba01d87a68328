/**
 * Hidden checks for lesson 01's exercises: other inputs than the lesson's, and the edges. Same
 * shape as the public `notebooks/checks/nb-01.ts`; only graders run these.
 *
 * No cost check on a confusion matrix of zero cases: a mean over no cases does not exist.
 */
import { closeTo, type ExerciseChecks } from '../../../grading/exercises/check';
import { confusionMatrix } from '../../../mlkit/metrics/index';
import { counts, type CostPerCase, type CountOutcomes } from '../../../notebooks/checks/nb-01';

/** 0/1 labels from a fixed linear congruential sequence: the same every run, nothing tuned. */
function labels(n: number, seed: number, share: number): number[] {
  let state = seed;
  return Array.from({ length: n }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 < share ? 1 : 0;
  });
}
const TRUTH = labels(500, 7, 0.3);
const PRED = labels(500, 11, 0.4);

type C = { countOutcomes: CountOutcomes };
// The toolkit refuses empty input, so the expected counts of no messages are written out.
const same = (name: string, yTrue: number[], yPred: number[], hint: string) =>
  closeTo<C>(name, {
    got: (f) => counts(f.countOutcomes(yTrue, yPred)),
    expected: () => (yTrue.length ? counts(confusionMatrix(yTrue, yPred)) : [0, 0, 0, 0]),
    absolute: 0.5,
    hint,
  });

const countChecks: ExerciseChecks<C> = {
  id: 'nb-01.1',
  section: 'Two kinds of mistake',
  uses: ['countOutcomes'],
  checks: [
    same('500 messages, 30 % spam, 40 % flagged', TRUTH, PRED, 'count all four cells; check that they add up to n'),
    same('no messages: four zeros', [], [], 'with no messages every count is 0'),
    same('every message ham, none flagged: all true negatives', [0, 0, 0, 0], [0, 0, 0, 0], 'truth 0 and prediction 0 is a true negative'),
    same('every message spam, every one flagged: all true positives', [1, 1, 1], [1, 1, 1], 'truth 1 and prediction 1 is a true positive'),
    same('a single ham, flagged: one false positive', [0], [1], 'the count goes to fp when the truth is 0 and the prediction 1'),
    same('a single spam, let through: one false negative', [1], [0], 'the count goes to fn when the truth is 1 and the prediction 0'),
  ],
};

type K = { costPerCase: CostPerCase };
const costChecks: ExerciseChecks<K> = {
  id: 'nb-01.2',
  section: 'The same model, two verdicts: spam versus fraud',
  uses: ['costPerCase'],
  checks: [
    closeTo<K>('only false negatives: 3 × 7 / 10 = 2.1', {
      got: (f) => f.costPerCase({ tp: 2, fp: 0, tn: 5, fn: 3 }, 100, 7),
      expected: 2.1,
      relative: 1e-12,
      hint: 'false negatives are priced with costFn, the third argument',
    }),
    closeTo<K>('a model without mistakes costs 0', {
      got: (f) => f.costPerCase({ tp: 30, fp: 0, tn: 70, fn: 0 }, 10, 1),
      expected: 0,
      absolute: 1e-12,
      hint: 'right answers cost nothing: only fp and fn are priced',
    }),
    closeTo<K>('costs of 0 cost nothing, whatever the mistakes', {
      got: (f) => f.costPerCase({ tp: 1, fp: 4, tn: 2, fn: 3 }, 0, 0),
      expected: 0,
      absolute: 1e-12,
      hint: 'multiply each count of mistakes by its cost',
    }),
    closeTo<K>('a single case, a false positive at cost 10: 10 per case', {
      got: (f) => f.costPerCase({ tp: 0, fp: 1, tn: 0, fn: 0 }, 10, 1),
      expected: 10,
      relative: 1e-12,
      hint: 'one case: the cost per case is the cost of that one mistake',
    }),
  ],
};

export const exercises = [countChecks, costChecks];
