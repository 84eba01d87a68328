import assert from 'node:assert/strict';
import { accuracy, applyThreshold, confusionMatrix, f1, precision, recall } from './confusion';

describe('confusion matrix and scores', () => {
  // Hand count: y 1 1 1 0 0 0 0 / ŷ 1 1 0 1 0 0 0 → tp 2, fn 1, fp 1, tn 3.
  const c = confusionMatrix([1, 1, 1, 0, 0, 0, 0], [1, 1, 0, 1, 0, 0, 0]);
  it('counts the four outcomes', () => assert.deepEqual(c, { tp: 2, fp: 1, tn: 3, fn: 1 }));
  it('computes accuracy 5/7', () => assert.equal(accuracy(c), 5 / 7));
  it('computes precision 2/3 and recall 2/3', () => {
    assert.equal(precision(c), 2 / 3);
    assert.equal(recall(c), 2 / 3);
  });
  it('computes F1 = 2tp / (2tp + fp + fn) = 4/6', () => assert.equal(f1(c), 4 / 6));
  it('gives 0 instead of NaN when nothing is flagged', () => {
    const none = confusionMatrix([1, 0], [0, 0]);
    assert.equal(precision(none), 0);
    assert.equal(f1(none), 0);
  });
  it('rejects labels other than 0/1 naming the index', () => {
    assert.throws(() => confusionMatrix([1, 0], [1, 2]), /index 1/);
  });
  it('rejects arrays of different lengths', () => {
    assert.throws(() => confusionMatrix([1, 0], [1]), /yTrue has 2 entries but yPred has 1/);
  });
  it('flags scores at or above the threshold', () => {
    assert.deepEqual(Array.from(applyThreshold([0.2, 0.5, 0.7], 0.5)), [0, 1, 1]);
  });
});
