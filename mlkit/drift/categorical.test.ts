import assert from 'node:assert/strict';
import { chiSquareDrift, chiSquareTest, zTestDrift } from './categorical';
import { assertClose, scipyCases } from './test-helpers';

describe('drift/categorical', () => {
  it('chiSquareTest matches scipy.stats.chisquare', () => {
    for (const c of scipyCases('chisquare')) {
      const r = chiSquareTest(c.observed, c.expected);
      assertClose(r.statistic, c.statistic, 'chi2 statistic', 1e-12);
      assertClose(r.pValue, c.p_value, 'chi2 p', 1e-9, 1e-15);
    }
  });

  it("chiSquareDrift matches Evidently's chisquare test (expected = reference shares × current rows)", () => {
    for (const c of scipyCases('chisquare_drift')) {
      const r = chiSquareDrift(c.reference, c.current);
      assertClose(r.statistic, c.statistic, 'chi2 drift statistic', 1e-12);
      assertClose(r.pValue, c.p_value, 'chi2 drift p', 1e-9, 1e-15);
    }
  });

  it('treats a category never seen in the reference as certain drift (p = 0)', () => {
    const r = chiSquareDrift({ ham: 90, spam: 10 }, { ham: 40, spam: 5, phish: 5 });
    assert.equal(r.statistic, Infinity);
    assert.equal(r.pValue, 0);
  });

  it('gives p = 1 for identical proportions', () => {
    assert.equal(chiSquareDrift({ a: 10, b: 30, c: 60 }, { a: 1, b: 3, c: 6 }).pValue, 1);
    assert.equal(zTestDrift({ ham: 80, spam: 20 }, { ham: 40, spam: 10 }).pValue, 1);
  });

  it("zTestDrift matches Evidently's two-proportion z-test", () => {
    for (const c of scipyCases('z')) {
      const r = zTestDrift(c.reference, c.current);
      assertClose(r.statistic, c.statistic, 'z statistic', 1e-12);
      assertClose(r.pValue, c.p_value, 'z p', 1e-9, 1e-15);
    }
  });

  it('zTestDrift gives p = 1 when both sides hold the same single value', () => {
    assert.deepEqual(zTestDrift({ no: 10 }, { no: 3 }), { statistic: 0, pValue: 1 });
  });

  it('rejects bad counts with an error naming them', () => {
    assert.throws(() => chiSquareTest([1, 2], [1]), /observed has 2 categories but expected has 1/);
    assert.throws(() => chiSquareTest([1, -2], [1, 2]), /observed\[1\] is -2/);
    assert.throws(() => chiSquareDrift({}, { a: 1 }), /reference counts is empty/);
    assert.throws(() => zTestDrift({ a: 1, b: 1, c: 1 }, { a: 1 }), /at most 2 categories/);
  });
});
