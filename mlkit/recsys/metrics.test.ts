import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { averagePrecisionAtK, catalogueCoverage, hitAtK, meanOverUsers, ndcgAtK, precisionAtK, recallAtK } from './metrics';

const rel = new Set([2, 5, 9]);

describe('ranking metrics', () => {
  describe('on a hand-computed list [2, 7, 5, 1, 3] with relevant {2, 5, 9}', () => {
    const ranked = [2, 7, 5, 1, 3];
    it('precision@k counts hits over k', () => {
      assert.equal(precisionAtK(ranked, rel, 1), 1);
      assert.equal(precisionAtK(ranked, rel, 3), 2 / 3);
      assert.equal(precisionAtK(ranked, rel, 5), 2 / 5);
    });
    it('recall@k counts hits over the relevant set', () => {
      assert.equal(recallAtK(ranked, rel, 2), 1 / 3);
      assert.equal(recallAtK(ranked, rel, 5), 2 / 3);
    });
    it('AP@k averages precision at each hit over min(|relevant|, k)', () => {
      assert.equal(averagePrecisionAtK(ranked, rel, 5), (1 / 1 + 2 / 3) / 3);
      assert.equal(averagePrecisionAtK(ranked, rel, 2), 1 / 2);
    });
    it('NDCG@k discounts each hit by log2(rank + 1) against the ideal order', () => {
      const dcg = 1 + 1 / Math.log2(4),
        ideal = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
      assert.ok(Math.abs(ndcgAtK(ranked, rel, 5) - dcg / ideal) < 1e-15);
    });
    it('hit rate is 1 with any hit in the top k and 0 without', () => {
      assert.equal(hitAtK(ranked, rel, 1), 1);
      assert.equal(hitAtK([7, 1, 3], rel, 3), 0);
    });
  });

  describe('edge cases', () => {
    it('returns NaN for recall, AP and NDCG when nothing is relevant, and 0 precision', () => {
      assert.ok(Number.isNaN(recallAtK([1, 2], new Set(), 2)));
      assert.ok(Number.isNaN(averagePrecisionAtK([1, 2], new Set(), 2)));
      assert.ok(Number.isNaN(ndcgAtK([1, 2], new Set(), 2)));
      assert.equal(precisionAtK([1, 2], new Set(), 2), 0);
    });
    it('divides precision by k when the list is shorter than k, but scores recall and NDCG on what is there', () => {
      assert.equal(precisionAtK([2], rel, 10), 0.1);
      assert.equal(recallAtK([2], rel, 10), 1 / 3);
      assert.equal(ndcgAtK([2, 5, 9], rel, 10), 1);
      assert.equal(averagePrecisionAtK([2, 5, 9], rel, 10), 1);
    });
    it('gives an empty list zero precision, recall and hit', () => {
      assert.equal(precisionAtK([], rel, 3), 0);
      assert.equal(recallAtK([], rel, 3), 0);
      assert.equal(hitAtK([], rel, 3), 0);
      assert.equal(ndcgAtK([], rel, 3), 0);
    });
    it('does not credit an item listed twice a second time', () => {
      assert.equal(averagePrecisionAtK([2, 2], new Set([2, 5]), 2), 1 / 2);
      assert.equal(ndcgAtK([2, 2], new Set([2, 5]), 2), 1 / (1 + 1 / Math.log2(3)));
      assert.equal(recallAtK([2, 2], new Set([2, 5]), 2), 1 / 2);
      assert.equal(precisionAtK([2, 2], new Set([2, 5]), 2), 1 / 2);
      assert.equal(hitAtK([2, 2], new Set([2, 5]), 2), 1);
    });
    it('refuses k that is not a positive integer', () => {
      assert.throws(() => precisionAtK([1], rel, 0), /positive integer/);
      assert.throws(() => ndcgAtK([1], rel, 2.5), /positive integer/);
    });
  });

  describe('coverage and means', () => {
    it('counts distinct recommended items over the catalogue', () => {
      assert.equal(catalogueCoverage([[1, 2], [2, 3], []], 10), 0.3);
      assert.throws(() => catalogueCoverage([[1]], 0), /catalogue size/);
    });
    it('skips NaN users in the mean and says how many', () => {
      assert.deepEqual(meanOverUsers([1, NaN, 0]), { mean: 0.5, users: 2, skipped: 1 });
      assert.ok(Number.isNaN(meanOverUsers([NaN]).mean));
    });
  });

  describe('NDCG against scikit-learn ndcg_score', () => {
    const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'sklearn-recsys.json'), 'utf8')) as {
      cases: { gains: number[]; scores: number[]; k: number; ties: boolean; ndcg: number }[];
    };
    const gainsOf = (g: number[]): Map<number, number> => new Map(g.map((v, i) => [i, v]));
    /** Every ranking consistent with the scores: tied items in every order. */
    function rankings(scores: number[]): number[][] {
      const groups = [...new Set(scores)].sort((a, b) => b - a).map((s) => scores.flatMap((v, i) => (v === s ? [i] : [])));
      const perms = (xs: number[]): number[][] =>
        xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
      return groups.reduce<number[][]>((acc, g) => acc.flatMap((prefix) => perms(g).map((p) => [...prefix, ...p])), [[]]);
    }
    it('has cases with and without ties', () => {
      assert.ok(fixture.cases.some((c) => c.ties) && fixture.cases.some((c) => !c.ties));
    });
    it('matches to 1e-12; with ties, the mean over every order of the tied items matches', () => {
      for (const [n, c] of fixture.cases.entries()) {
        const all = rankings(c.scores);
        const mean = all.reduce((s, r) => s + ndcgAtK(r, gainsOf(c.gains), c.k), 0) / all.length;
        assert.ok(Math.abs(mean - c.ndcg) < 1e-12, `case ${n}: ours ${mean}, scikit-learn ${c.ndcg}`);
      }
    });
  });
});
