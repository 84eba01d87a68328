import assert from 'node:assert/strict';
import { thresholdForCost, thresholdForF1 } from './threshold';
import { applyThreshold, confusionMatrix, f1 } from './confusion';

const y = [0, 0, 1, 0, 1, 1];
const s = [0.1, 0.3, 0.4, 0.6, 0.7, 0.9];

describe('thresholdForF1', () => {
  it('picks the F1-best cut, midway to the next lower score (hand-computed: flag ≥ 0.4 → F1 6/7)', () => {
    const c = thresholdForF1(y, s);
    assert.equal(c.threshold, (0.4 + 0.3) / 2);
    assert.equal(c.value, 6 / 7);
    assert.equal(f1(confusionMatrix(y, applyThreshold(s, c.threshold))), c.value);
  });
});

describe('thresholdForCost', () => {
  it('flags more when misses are expensive', () => {
    // costFn 10: flagging ≥ 0.4 costs 1 FP = 1/6 per message; anything higher misses a spam.
    const c = thresholdForCost(y, s, 1, 10);
    assert.equal(c.threshold, 0.35);
    assert.equal(c.value, 1 / 6);
  });
  it('flags less when false alarms are expensive', () => {
    // costFp 10: flag only ≥ 0.7 → 1 FN; cheaper than any FP.
    const c = thresholdForCost(y, s, 10, 1);
    assert.equal(c.threshold, (0.7 + 0.6) / 2);
    assert.equal(c.value, 1 / 6);
  });
  it('can decide to flag nothing, with a finite threshold above every score', () => {
    const c = thresholdForCost([0, 1, 0], [0.9, 0.5, 0.8], 100, 1);
    assert.ok(c.threshold > 0.9 && Number.isFinite(c.threshold));
    assert.equal(c.value, 1 / 3);
  });
  it('rejects negative costs', () => {
    assert.throws(() => thresholdForCost(y, s, -1, 1), /costs must be ≥ 0/);
  });
});
