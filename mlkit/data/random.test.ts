import assert from 'node:assert/strict';
import { mulberry32, shuffle } from './random';

describe('mulberry32', () => {
  it('gives the same sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 100; i++) assert.equal(a(), b());
  });

  it('gives different sequences for different seeds', () => {
    const a = mulberry32(1);
    const b = mulberry32(2);
    const same = Array.from({ length: 20 }, () => a() === b()).filter(Boolean).length;
    assert.ok(same < 20);
  });

  it('pins the first values of seed 42 so the sequence never changes silently', () => {
    const next = mulberry32(42);
    const first = [next(), next(), next()].map((x) => x.toFixed(10));
    assert.deepEqual(first, ['0.6011037519', '0.4482905590', '0.8524657935']);
  });

  it('stays in [0, 1) with a roughly uniform mean', () => {
    const next = mulberry32(7);
    let sum = 0;
    const n = 10000;
    for (let i = 0; i < n; i++) {
      const x = next();
      assert.ok(x >= 0 && x < 1, `out of range: ${x}`);
      sum += x;
    }
    assert.ok(Math.abs(sum / n - 0.5) < 0.02, `mean ${sum / n}`);
  });

  it('rejects a seed that is not a finite number', () => {
    assert.throws(() => mulberry32(Number.NaN), /seed must be a finite number/);
  });
});

describe('shuffle', () => {
  const items = Array.from({ length: 50 }, (_, i) => i);

  it('returns a new array with the same items and leaves the input alone', () => {
    const copy = items.slice();
    const out = shuffle(items, 3);
    assert.notEqual(out, items);
    assert.deepEqual(items, copy);
    assert.deepEqual(
      [...out].sort((a, b) => a - b),
      items,
    );
    assert.notDeepEqual(out, items);
  });

  it('is reproducible for a seed and differs across seeds', () => {
    assert.deepEqual(shuffle(items, 9), shuffle(items, 9));
    assert.notDeepEqual(shuffle(items, 9), shuffle(items, 10));
  });

  it('handles empty and single-item arrays', () => {
    assert.deepEqual(shuffle([], 1), []);
    assert.deepEqual(shuffle(['a'], 1), ['a']);
  });

  it('puts each item first about equally often (no Fisher–Yates off-by-one bias)', () => {
    const counts = [0, 0, 0, 0];
    const trials = 4000;
    for (let s = 0; s < trials; s++) counts[shuffle([0, 1, 2, 3], s)[0]] += 1;
    for (const c of counts) assert.ok(Math.abs(c / trials - 0.25) < 0.03, `counts ${counts}`);
  });
});
