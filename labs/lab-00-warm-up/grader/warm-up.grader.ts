/** Public checks for lab 00: run them with `npm run check -- lab-00`. */
import { check, expectClose, submission } from '../../../grading/harness';

const METRICS = 'src/metrics.ts';
const MODEL = 'src/rule-model.ts';
const call = (file: string, fn: string, ...args: unknown[]): Promise<unknown> => submission().call(file, fn, args);

describe('lab-00 public checks', () => {
  check('accuracy: 3 of 4 right is 0.75', 2, `${METRICS}: accuracy()`, async () => {
    expectClose(await call(METRICS, 'accuracy', [1, 0, 1, 0], [1, 0, 0, 0]), 0.75);
  });
  check('precision: TP / (TP + FP) on a small example', 2, `${METRICS}: precision()`, async () => {
    expectClose(await call(METRICS, 'precision', [1, 0, 1, 0, 1], [1, 1, 0, 0, 1]), 2 / 3);
  });
  check('recall: TP / (TP + FN) on a small example', 2, `${METRICS}: recall()`, async () => {
    expectClose(await call(METRICS, 'recall', [1, 0, 1, 0, 1, 1], [1, 1, 0, 0, 1, 0]), 0.5);
  });
  check('spamScore counts spam words ignoring case and punctuation', 2, `${MODEL}: spamScore()`, async () => {
    expectClose(await call(MODEL, 'spamScore', 'FREE money!!! Free.'), 3);
  });
  check('predict says spam at or above the threshold', 2, `${MODEL}: predict()`, async () => {
    expectClose(await call(MODEL, 'predict', 'click for cash', 2), 1, 0, 'predict("click for cash", 2)');
    expectClose(await call(MODEL, 'predict', 'lunch at noon?', 1), 0, 0, 'predict("lunch at noon?", 1)');
  });
});
