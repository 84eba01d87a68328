import assert from 'node:assert/strict';
import { crossValidate, type Estimator, gridSearch, learningCurve, parameterGrid, summarize } from './cross-validate';
import { stratifiedKFold } from './split';

// A one-parameter "model": predicts 1 when x > cut. Data: x = i, label = i >= 20.
const xs = Array.from({ length: 40 }, (_, i) => i);
const ys = xs.map((x) => (x >= 20 ? 1 : 0));
const accuracyOf = (cut: number, rows: readonly number[]): number =>
  rows.filter((i) => (xs[i] > cut ? 1 : 0) === ys[i]).length / rows.length;
const fixedCut = (cut: number): Estimator<number> => ({ fit: () => cut, score: (c, rows) => accuracyOf(c, rows) });
// Learns the cut as the largest negative x seen in training.
const learnedCut: Estimator<number> = {
  fit: (rows) => Math.max(...rows.filter((i) => ys[i] === 0).map((i) => xs[i])),
  score: (c, rows) => accuracyOf(c, rows),
};

describe('crossValidate', () => {
  it('scores each fold and summarises them', () => {
    const r = crossValidate(fixedCut(19.5), stratifiedKFold(ys, 4, 0));
    assert.deepEqual(r.scores, [1, 1, 1, 1]);
    assert.equal(r.mean, 1);
    assert.equal(r.std, 0);
  });
  it('computes the sample standard deviation', () => {
    assert.equal(summarize([1, 3]).std, Math.SQRT2);
  });
});

describe('parameterGrid and gridSearch', () => {
  it('expands every combination in order', () => {
    assert.deepEqual(parameterGrid<{ a: number; b: string }>({ a: [1, 2], b: ['x', 'y'] }), [
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
    ]);
  });
  it('picks the combination with the best mean score', () => {
    const r = gridSearch<{ cut: number }, number>({ cut: [5, 19.5, 30] }, (p) => fixedCut(p.cut), stratifiedKFold(ys, 4, 0));
    assert.equal(r.best.params.cut, 19.5);
    assert.equal(r.results.length, 3);
  });
});

describe('learningCurve', () => {
  it('reports one point per share, with growing training sizes', () => {
    const points = learningCurve(learnedCut, ys, [0.25, 1], 4, 0);
    assert.equal(points.length, 2);
    assert.ok((points[0] as { trainSize: number }).trainSize < (points[1] as { trainSize: number }).trainSize);
    assert.equal((points[1] as { trainScore: number }).trainScore, 1);
  });
  it('rejects a share outside (0, 1]', () => {
    assert.throws(() => learningCurve(learnedCut, ys, [0], 4, 0), /shares/);
  });
});
