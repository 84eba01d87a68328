/** Instructor checks for lab 00: edge cases and training. Never copied to labs/. */
import { check, expectClose, submission } from '../../../grading/harness';

const METRICS = 'src/metrics.ts';
const MODEL = 'src/rule-model.ts';
const call = (file: string, fn: string, ...args: unknown[]): Promise<unknown> => submission().call(file, fn, args);

describe('lab-00 instructor checks', () => {
  check('accuracy of nothing is NaN', 1, `${METRICS}: accuracy() with empty arrays`, async () => {
    expectClose(await call(METRICS, 'accuracy', [], []), NaN);
  });
  check('precision is 0 when nothing is predicted positive', 1, `${METRICS}: precision(), the 0 / 0 case`, async () => {
    expectClose(await call(METRICS, 'precision', [1, 0], [0, 0]), 0);
  });
  check('recall is 0 when there is no positive example', 1, `${METRICS}: recall(), the 0 / 0 case`, async () => {
    expectClose(await call(METRICS, 'recall', [0, 0], [1, 0]), 0);
  });
  check('precision and recall differ on an unbalanced example', 2, `${METRICS}: precision() vs recall()`, async () => {
    const yTrue = [1, 1, 1, 0, 0, 0, 0, 0];
    const yPred = [1, 0, 0, 1, 0, 0, 0, 0];
    expectClose(await call(METRICS, 'precision', yTrue, yPred), 0.5, 1e-9, 'precision');
    expectClose(await call(METRICS, 'recall', yTrue, yPred), 1 / 3, 1e-9, 'recall');
  });
  check('predict: a text scoring exactly the threshold is spam', 1, `${MODEL}: predict() uses >=`, async () => {
    expectClose(await call(MODEL, 'predict', 'urgent offer', 2), 1);
  });
  check('spamScore ignores words that only contain a spam word', 1, `${MODEL}: spamScore() counts whole words`, async () => {
    expectClose(await call(MODEL, 'spamScore', 'freedom of the moneyed offers'), 0);
  });
  check('fitThreshold picks the most accurate threshold', 2, `${MODEL}: fitThreshold()`, async () => {
    const texts = ['free cash prize', 'urgent: click for free money', 'free lunch today', 'meeting at noon', 'winner winner'];
    expectClose(await call(MODEL, 'fitThreshold', texts, [1, 1, 0, 0, 1], 5), 2);
  });
  check('fitThreshold breaks ties with the smallest threshold', 1, `${MODEL}: fitThreshold(), ties`, async () => {
    expectClose(await call(MODEL, 'fitThreshold', ['hello', 'world'], [0, 0], 3), 1);
  });
});
