import assert from 'node:assert/strict';
import { LogisticRegression, sigmoid } from './logistic';
import { denseToCsr, linearFixture } from './test-fixtures';

describe('LogisticRegression', () => {
  const x = denseToCsr(linearFixture.x);
  describe('against scikit-learn LogisticRegression (fixtures/sklearn-linear.json)', () => {
    it('has rows and cases to compare (an empty fixture would compare nothing)', () => {
      assert.ok(
        linearFixture.x.length > 0 && linearFixture.logistic.length > 0,
        `${linearFixture.x.length} rows, ${linearFixture.logistic.length} cases`,
      );
    });
    for (const c of linearFixture.logistic) {
      // scikit-learn's own lbfgs stops ~1e-5 short of the optimum (it tests the change in loss),
      // so its probabilities are matched to 5e-5 and the polished optimum to 1e-6.
      it(`matches sklearn's probabilities within 5e-5 and the exact optimum within 1e-6 (C=${c.C}, class_weight=${c.class_weight})`, () => {
        const p = LogisticRegression.fit(x, linearFixture.y, { C: c.C, classWeight: c.class_weight, tol: 1e-10 }).predictProba(x);
        assert.equal(p.length, c.proba.length);
        p.forEach((v, i) => assert.ok(Math.abs(v - c.proba[i]) < 5e-5, `p[${i}] = ${v}, sklearn ${c.proba[i]}`));
        p.forEach((v, i) => assert.ok(Math.abs(v - c.optimum_proba[i]) < 1e-6, `p[${i}] = ${v}, optimum ${c.optimum_proba[i]}`));
      });
    }
  });
  it('is deterministic: two fits give identical weights', () => {
    const a = LogisticRegression.fit(x, linearFixture.y, { C: 10 });
    const b = LogisticRegression.fit(x, linearFixture.y, { C: 10 });
    assert.deepEqual(Array.from(a.weights), Array.from(b.weights));
  });
  it('round-trips through JSON', () => {
    const m = LogisticRegression.fit(x, linearFixture.y);
    assert.deepEqual(Array.from(LogisticRegression.fromJSON(JSON.parse(JSON.stringify(m))).predictProba(x)), Array.from(m.predictProba(x)));
  });
  it('rejects labels other than 0/1 naming the row', () => {
    assert.throws(
      () =>
        LogisticRegression.fit(
          x,
          linearFixture.y.map((v, i) => (i === 3 ? 2 : v)),
        ),
      /labels\[3\]/,
    );
  });
  it('rejects a non-positive C', () => {
    assert.throws(() => LogisticRegression.fit(x, linearFixture.y, { C: 0 }), /C must be > 0/);
  });
});

describe('sigmoid', () => {
  it('is 0.5 at 0 and stays finite far from it', () => {
    assert.equal(sigmoid(0), 0.5);
    assert.equal(sigmoid(-1000), 0);
    assert.equal(sigmoid(1000), 1);
  });
});
