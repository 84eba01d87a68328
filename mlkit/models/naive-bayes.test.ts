import assert from 'node:assert/strict';
import { MultinomialNB } from './naive-bayes';
import { denseToCsr, linearFixture } from './test-fixtures';

describe('MultinomialNB', () => {
  const x = denseToCsr(linearFixture.x);
  const nb = linearFixture.naive_bayes;
  it('matches scikit-learn MultinomialNB probabilities and log-probabilities to 1e-12', () => {
    const m = MultinomialNB.fit(x, linearFixture.y, nb.alpha);
    assert.deepEqual(
      [m.predictProba(x).length, m.featureLogProb.length, m.featureLogProb[1].length],
      [nb.proba.length, 2, nb.feature_log_prob[1].length],
    );
    m.predictProba(x).forEach((v, i) => assert.ok(Math.abs(v - nb.proba[i]) < 1e-12, `p[${i}]`));
    m.featureLogProb.forEach((row, c) => row.forEach((v, j) => assert.ok(Math.abs(v - nb.feature_log_prob[c][j]) < 1e-12)));
  });
  it('gives a hand-computed probability on a two-word example', () => {
    // class 1 counts: a=2, b=0 → P(a|1) = 3/4; class 0: a=0, b=2 → P(a|0) = 1/4; equal priors.
    const m = MultinomialNB.fit(
      denseToCsr([
        [2, 0],
        [0, 2],
      ]),
      [1, 0],
      1,
    );
    assert.ok(Math.abs(m.predictProba(denseToCsr([[1, 0]]))[0] - 0.75) < 1e-12);
  });
  it('round-trips through JSON', () => {
    const m = MultinomialNB.fit(x, linearFixture.y);
    assert.deepEqual(Array.from(MultinomialNB.fromJSON(JSON.parse(JSON.stringify(m))).predictProba(x)), Array.from(m.predictProba(x)));
  });
  it('rejects negative feature values', () => {
    assert.throws(
      () =>
        MultinomialNB.fit(
          denseToCsr([
            [-1, 0],
            [0, 1],
          ]),
          [1, 0],
        ),
      /negative/,
    );
  });
});
