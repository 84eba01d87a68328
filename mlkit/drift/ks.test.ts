import assert from 'node:assert/strict';
import { KS_EXACT_MAX_N, ks2samp } from './ks';
import { assertClose, modseq, scipyCases } from './test-helpers';

/** Largest gap allowed between our asymptotic p-value and scipy's (kstwo.sf on round(en)). */
const ASYMP_P_TOLERANCE = 0.002;

describe('drift/ks2samp', () => {
  it('matches scipy.stats.ks_2samp on small explicit samples (exact p-values)', () => {
    for (const c of scipyCases('ks')) {
      const r = ks2samp(c.a, c.b);
      assertClose(r.statistic, c.statistic, `${c.name} D`, 1e-12);
      assertClose(r.pValue, c.p_value, `${c.name} p`, 1e-8, 1e-12);
    }
  });

  it('matches scipy on generated samples: exact up to 10 000 values, asymptotic above', () => {
    for (const c of scipyCases('ks_generated')) {
      const r = ks2samp(modseq(c.a), modseq(c.b));
      const exact = Math.max(c.a.n, c.b.n) <= KS_EXACT_MAX_N;
      assert.equal(r.method, exact ? 'exact' : 'asymp', c.name);
      assertClose(r.statistic, c.statistic, `${c.name} D`, 1e-9);
      if (exact) assertClose(r.pValue, c.p_value, `${c.name} p`, 1e-7, 1e-12);
      else assertClose(r.pValue, c.p_value, `${c.name} p`, 0, ASYMP_P_TOLERANCE);
    }
  });

  it('finds no difference between identical samples and a large one between disjoint samples', () => {
    assert.deepEqual(ks2samp([3, 1, 2], [1, 2, 3]), { statistic: 0, pValue: 1, method: 'exact' });
    const far = ks2samp([1, 2, 3, 4, 5, 6, 7, 8], [11, 12, 13, 14, 15, 16, 17, 18]);
    assert.equal(far.statistic, 1);
    assert.ok(far.pValue < 0.001);
  });

  it('does not depend on which sample is called reference', () => {
    const a = [0.3, 1.2, 2.2, 0.9, 3.3, 1.7];
    const b = [1.1, 2.9, 3.8, 2.4, 4.4, 3.1, 2.6];
    assert.deepEqual(ks2samp(a, b), ks2samp(b, a));
  });

  it('rejects empty samples and NaN with an error naming the sample', () => {
    assert.throws(() => ks2samp([], [1]), /reference is empty/);
    assert.throws(() => ks2samp([1, 2], [1, NaN]), /current\[1\] is NaN/);
  });
});
