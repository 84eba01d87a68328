import assert from 'node:assert/strict';
import { bootstrapCI, quantile } from './bootstrap';
import { rocAuc } from './roc';

const y = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 1 : 0));
const s = y.map((v, i) => v * 0.3 + ((i * 37) % 100) / 100);

describe('bootstrapCI', () => {
  it('is reproducible for a seed and brackets the estimate', () => {
    const a = bootstrapCI(y, s, rocAuc, { seed: 7, resamples: 200 });
    const b = bootstrapCI(y, s, rocAuc, { seed: 7, resamples: 200 });
    assert.deepEqual(a, b);
    assert.ok(a.low < a.estimate && a.estimate < a.high, JSON.stringify(a));
  });
  it('gives a different interval for another seed', () => {
    assert.notDeepEqual(bootstrapCI(y, s, rocAuc, { seed: 1, resamples: 200 }), bootstrapCI(y, s, rocAuc, { seed: 2, resamples: 200 }));
  });
  it('has zero width for a metric that ignores the data', () => {
    const c = bootstrapCI(y, s, () => 0.5, { resamples: 50 });
    assert.equal(c.low, 0.5);
    assert.equal(c.high, 0.5);
  });
  it('skips resamples where the metric is undefined', () => {
    const c = bootstrapCI([1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0.9, 0, 0, 0, 0, 0, 0, 0, 0, 0], rocAuc, { resamples: 100 });
    assert.ok(c.resamples < 100 && c.resamples > 0);
  });
  it('rejects a level outside (0, 1)', () => {
    assert.throws(() => bootstrapCI(y, s, rocAuc, { level: 95 }), /level/);
  });
});

describe('quantile', () => {
  it('interpolates linearly like numpy', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
  });
});
