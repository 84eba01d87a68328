import assert from 'node:assert/strict';
import { domainClassifierDrift, domainClassifierDriftCV, rocAuc, type TrainDomainClassifier } from './domain';

// A one-feature "classifier": the score is how far the length is above the midpoint of the
// two training classes' mean lengths, signed towards the class with longer texts.
const byLength: TrainDomainClassifier<string> = (items, labels) => {
  const mean = (l: 0 | 1) => {
    const xs = items.filter((_, i) => labels[i] === l).map((t) => t.length);
    return xs.reduce((s, v) => s + v, 0) / xs.length;
  };
  const m0 = mean(0);
  const m1 = mean(1);
  return (text) => (text.length - (m0 + m1) / 2) * Math.sign(m1 - m0 || 1);
};

describe('drift/domain classifier', () => {
  it('rocAuc is 1 for perfect separation, 0 when reversed and 0.5 for ties', () => {
    assert.equal(rocAuc([0.1, 0.2], [0.8, 0.9]), 1);
    assert.equal(rocAuc([0.8, 0.9], [0.1, 0.2]), 0);
    assert.equal(rocAuc([0.5, 0.5], [0.5, 0.5, 0.5]), 0.5);
    assert.equal(rocAuc([0.1, 0.4, 0.35, 0.8], [0.3, 0.9]), 0.625);
  });

  it('domainClassifierDrift flags drift when ROC-AUC > 0.55', () => {
    assert.deepEqual(domainClassifierDrift([0.1, 0.2], [0.8, 0.9]), { roc_auc: 1, threshold: 0.55, drifted: true });
    assert.equal(domainClassifierDrift([0.5, 0.4], [0.4, 0.5]).drifted, false);
  });

  it('cross-fitting detects longer current texts and not a same-distribution sample', () => {
    const texts = (n: number, extra: number) => Array.from({ length: n }, (_, i) => 'x'.repeat(10 + ((i * 7) % 23) + extra));
    assert.equal(domainClassifierDriftCV(texts(60, 0), texts(60, 15), byLength).drifted, true);
    assert.equal(domainClassifierDriftCV(texts(60, 0), texts(60, 0), byLength).drifted, false);
  });

  it('rejects too few rows and bad fold counts', () => {
    assert.throws(() => domainClassifierDriftCV(['a'], ['b', 'c'], byLength), /at least 2 reference and 2 current/);
    assert.throws(() => domainClassifierDriftCV(['a', 'b'], ['c', 'd'], byLength, { folds: 3 }), /folds must be an integer in \[2, 2\]/);
    assert.throws(() => rocAuc([], [1]), /negativeScores is empty/);
    assert.throws(() => domainClassifierDriftCV(['a', 'b'], ['c', 'd'], () => () => NaN), /referenceScores\[0\] is NaN/);
  });
});
