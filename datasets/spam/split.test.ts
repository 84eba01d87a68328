import assert from 'node:assert/strict';
import type { SpamLabel } from '../types';
import { productionOrder, stratifiedSplit } from './split';

const rows = Array.from({ length: 1000 }, (_, i) => ({
  id: `g/${String(i).padStart(5, '0')}`,
  period: 1 as const,
  label: (i % 7 === 0 ? 'spam' : 'ham') as SpamLabel,
}));
const FRACTIONS = { train: 0.7, validation: 0.15, test: 0.15 };
const share = (xs: readonly { label: SpamLabel }[]): number => xs.filter((r) => r.label === 'spam').length / xs.length;

describe('stratifiedSplit', () => {
  it('uses every row exactly once at the requested sizes', () => {
    const s = stratifiedSplit(rows, FRACTIONS, 42);
    const ids = [...s.train, ...s.validation, ...s.test].map((r) => r.id).sort();
    assert.deepEqual(
      ids,
      rows.map((r) => r.id),
    );
    assert.ok(Math.abs(s.train.length - 700) <= 1 && Math.abs(s.validation.length - 150) <= 1, `${s.train.length}/${s.validation.length}`);
  });

  it('gives each split the same spam share within one point', () => {
    const s = stratifiedSplit(rows, FRACTIONS, 42);
    const shares = [share(s.train), share(s.validation), share(s.test)];
    assert.ok(Math.max(...shares) - Math.min(...shares) < 0.01, `shares ${shares}`);
  });

  it('is reproducible for a seed and independent of input order', () => {
    const a = stratifiedSplit(rows, FRACTIONS, 42);
    const b = stratifiedSplit([...rows].reverse(), FRACTIONS, 42);
    assert.deepEqual(a, b);
    assert.notDeepEqual(stratifiedSplit(rows, FRACTIONS, 43).test, a.test);
  });

  it('rejects fractions that do not sum to 1', () => {
    assert.throws(() => stratifiedSplit(rows, { train: 0.7, validation: 0.2, test: 0.2 }, 1), /must sum to 1/);
  });
});

describe('productionOrder', () => {
  it('puts plausible dates first, oldest first (ties by id), then the rest by id', () => {
    const input = [
      { id: 'spam-2/3', date: '2002-05-01T00:00:00.000Z', date_plausible: true },
      { id: 'spam-2/9', date: '0102-01-01T00:00:00.000Z', date_plausible: false },
      { id: 'spam-2/1', date: '2002-05-01T00:00:00.000Z', date_plausible: true },
      { id: 'easy-ham-2/5', date: null, date_plausible: false },
      { id: 'easy-ham-2/2', date: '2001-01-01T00:00:00.000Z', date_plausible: true },
    ];
    assert.deepEqual(
      productionOrder(input).map((r) => r.id),
      ['easy-ham-2/2', 'spam-2/1', 'spam-2/3', 'easy-ham-2/5', 'spam-2/9'],
    );
  });
});
