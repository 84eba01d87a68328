import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rocAuc, rocCurve } from './roc';
import { averagePrecision, precisionRecallCurve } from './pr';

interface RankCase {
  y: (0 | 1)[];
  s: number[];
  roc: { fpr: number[]; tpr: number[]; thresholds: number[] };
  auc: number;
  pr: { precision: number[]; recall: number[]; thresholds: number[] };
  ap: number;
}
const cases = (JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sklearn-ranking.json'), 'utf8')) as { cases: RankCase[] }).cases;

// Summation order differs from numpy's pairwise sum, so "exactly" means to the last few bits.
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12;
const allClose = (a: number[], b: number[]): boolean => a.length === b.length && a.every((v, i) => close(v, b[i]));

describe('ROC and precision–recall against scikit-learn (fixtures/sklearn-ranking.json)', () => {
  it('has cases to compare (an empty fixture would compare nothing)', () => assert.ok(cases.length > 0));
  cases.forEach((c, k) => {
    describe(`case ${k} (${c.y.length} scores, with ties)`, () => {
      it('gives the same ROC curve', () => {
        const r = rocCurve(c.y, c.s);
        assert.ok(allClose(r.fpr, c.roc.fpr) && allClose(r.tpr, c.roc.tpr), 'fpr/tpr');
        assert.equal(r.thresholds[0], Infinity);
        assert.deepEqual(r.thresholds.slice(1), c.roc.thresholds);
      });
      it(`gives the same ROC-AUC (${c.auc.toFixed(6)})`, () => assert.ok(close(rocAuc(c.y, c.s), c.auc)));
      it('gives the same precision–recall curve', () => {
        const p = precisionRecallCurve(c.y, c.s);
        assert.ok(allClose(p.precision, c.pr.precision) && allClose(p.recall, c.pr.recall));
        assert.deepEqual(p.thresholds, c.pr.thresholds);
      });
      it(`gives the same average precision (${c.ap.toFixed(6)})`, () => assert.ok(close(averagePrecision(c.y, c.s), c.ap)));
    });
  });
  it('counts a tie between a spam and a ham as half (hand-computed AUC 0.625)', () => {
    // spam 0.8, 0.5 vs ham 0.8, 0.2: pairs tie (½), win, loss, win → 2.5 / 4.
    assert.equal(rocAuc([1, 0, 1, 0], [0.8, 0.8, 0.5, 0.2]), 0.625);
  });
  it('refuses ROC when one class is missing', () => {
    assert.throws(() => rocAuc([1, 1], [0.2, 0.3]), /both classes/);
  });
  it('refuses non-finite scores naming the index', () => {
    assert.throws(() => rocAuc([1, 0], [0.2, NaN]), /scores\[1\]/);
  });
});
