import assert from 'node:assert/strict';
import { topK } from './topk';

describe('topK', () => {
  it('returns the k highest scores, best first', () => {
    assert.deepEqual(topK([0.1, 0.9, 0.5, 0.7], 2), [1, 3]);
  });
  it('breaks ties by lower index', () => {
    assert.deepEqual(topK([1, 2, 2, 1, 2], 4), [1, 2, 4, 0]);
  });
  it('returns everything it can when k exceeds the candidates, never NaN or -Infinity', () => {
    assert.deepEqual(topK([3, NaN, -Infinity, 1], 10), [0, 3]);
  });
  it('leaves out skipped indexes and handles k = 0', () => {
    assert.deepEqual(
      topK([5, 4, 3], 2, (i) => i === 0),
      [1, 2],
    );
    assert.deepEqual(topK([5, 4, 3], 0), []);
  });
  it('agrees with a full sort on random scores with ties', () => {
    const scores = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 101) / 10);
    const sorted = scores
      .map((s, i) => [s, i] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .map(([, i]) => i);
    assert.deepEqual(topK(scores, 37), sorted.slice(0, 37));
  });
});
