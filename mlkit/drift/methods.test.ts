import assert from 'node:assert/strict';
import { DEFAULT_THRESHOLDS, runMethod, selectMethod } from './methods';

describe('drift/methods', () => {
  describe('selectMethod (Evidently defaults)', () => {
    it('uses KS for numeric columns up to 1000 reference rows and Wasserstein above', () => {
      assert.equal(selectMethod('num', 1000, 50), 'ks');
      assert.equal(selectMethod('num', 1001, 50), 'wasserstein');
    });

    it('uses chi-square for categorical columns up to 1000 rows and Jensen–Shannon above', () => {
      assert.equal(selectMethod('cat', 1000, 3), 'chisquare');
      assert.equal(selectMethod('cat', 1001, 3), 'jensenshannon');
    });

    it('uses the z-test for binary columns with a small reference', () => {
      assert.equal(selectMethod('cat', 500, 2), 'z');
      assert.equal(selectMethod('cat', 5000, 2), 'jensenshannon');
    });

    it('treats numeric columns with at most 5 distinct values as categorical', () => {
      assert.equal(selectMethod('num', 1000, 5), 'chisquare');
      assert.equal(selectMethod('num', 1000, 6), 'ks');
      assert.equal(selectMethod('num', 1000, 2), 'z');
      assert.equal(selectMethod('num', 1001, 5), 'jensenshannon');
    });
  });

  describe('runMethod', () => {
    it('flags KS drift when p ≤ 0.05 and distances when score ≥ 0.1', () => {
      const same = runMethod('ks', { referenceSample: [1, 2, 3, 4], currentValues: [1, 2, 3, 4] });
      assert.equal(same.drifted, false);
      assert.equal(same.drift_score, same.p_value);
      const moved = runMethod('wasserstein', { referenceSample: [0, 1, 2], referenceStd: 1, currentValues: [0.1, 1.1, 2.1] });
      assert.ok(Math.abs(moved.statistic - 0.1) < 1e-12);
      assert.equal(moved.drifted, true);
      assert.equal(DEFAULT_THRESHOLDS.jensenshannon, 0.1);
    });

    it('says what is missing when a method lacks its inputs', () => {
      assert.throws(() => runMethod('chisquare', { currentCounts: { a: 1 } }), /needs reference counts/);
    });
  });
});
