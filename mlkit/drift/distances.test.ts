import assert from 'node:assert/strict';
import { jensenShannon, psi, sturgesShares, wasserstein, wassersteinNormed } from './distances';
import { assertClose, scipy, scipyCases } from './test-helpers';

describe('drift/distances', () => {
  it('wasserstein and wassersteinNormed match scipy (normed by numpy.std of the reference)', () => {
    for (const c of scipyCases('wasserstein')) {
      assertClose(wasserstein(c.a, c.b), c.distance, 'wasserstein', 1e-12);
      assertClose(wassersteinNormed(c.a, c.b), c.normed, 'normed wasserstein', 1e-12);
    }
  });

  it('wasserstein of a sample against itself shifted by 2 is 2', () => {
    const a = [0.5, 1, 4, 7];
    assertClose(
      wasserstein(
        a,
        a.map((v) => v + 2),
      ),
      2,
      'shift',
      1e-12,
    );
    assert.equal(wasserstein(a, [...a].reverse()), 0);
  });

  it('wassersteinNormed never divides by less than 0.001 (constant reference)', () => {
    assertClose(wassersteinNormed([1, 1, 1], [1.001, 1.001]), 1, 'constant reference', 1e-9);
  });

  it('jensenShannon matches scipy.spatial.distance.jensenshannon(p, q, base=2)', () => {
    for (const c of scipyCases('jensenshannon')) assertClose(jensenShannon(c.p, c.q), c.distance, 'js', 1e-12, 1e-12);
  });

  it('jensenShannon is 0 for equal histograms and 1 for disjoint ones', () => {
    assert.equal(jensenShannon([1, 2, 3], [2, 4, 6]), 0);
    assertClose(jensenShannon([1, 0], [0, 1]), 1, 'disjoint', 1e-12);
  });

  it("psi matches Evidently's formula, including its filling of empty bins", () => {
    for (const c of scipyCases('psi')) assertClose(psi(c.r, c.c), c.psi, 'psi', 1e-12);
  });

  it('sturgesShares matches numpy.histogram_bin_edges(..., "sturges") and numpy.histogram', () => {
    const s = scipy.sturges;
    const r = sturgesShares(s.a, s.b);
    assert.equal(r.edges.length, s.edges.length);
    r.edges.forEach((e, i) => assertClose(e, s.edges[i], `edge ${i}`, 1e-12));
    assert.deepEqual(r.reference, s.a_shares);
    assert.deepEqual(r.current, s.b_shares);
  });

  it('rejects empty, NaN and mismatched inputs with clear errors', () => {
    assert.throws(() => wasserstein([], [1]), /reference is empty/);
    assert.throws(() => wasserstein([1], [NaN]), /current\[0\] is NaN/);
    assert.throws(() => jensenShannon([1, 2], [1]), /p has 2 bins but q has 1/);
    assert.throws(() => jensenShannon([0, 0], [1, 1]), /positive total/);
    assert.throws(() => psi([0.5, 0.5], [1]), /2 bins/);
  });
});
