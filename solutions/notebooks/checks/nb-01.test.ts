/**
 * Lesson 01's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import * as shown from '../../../notebooks/checks/nb-01';
import type { CostPerCase, CountOutcomes } from '../../../notebooks/checks/nb-01';
import * as hidden from './nb-01';
import { failuresIn } from './meta';

/** The answer, written independently of the toolkit, with switches for common mistakes. */
function count(mistake: 'none' | 'swapped' | 'correct-is-tp' | 'skips-last' = 'none'): CountOutcomes {
  return (yTrue, yPred) => {
    const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
    const n = mistake === 'skips-last' ? yTrue.length - 1 : yTrue.length;
    for (let i = 0; i < n; i++) {
      const [t, p] = [yTrue[i], yPred[i]];
      if (mistake === 'correct-is-tp' && t === p) c.tp++;
      else if (t === 1 && p === 1) c.tp++;
      else if (t === 0 && p === 0) c.tn++;
      else if (t === 0) mistake === 'swapped' ? c.fn++ : c.fp++;
      else mistake === 'swapped' ? c.fp++ : c.fn++;
    }
    return c;
  };
}

function cost(mistake: 'none' | 'swapped' | 'total' | 'per-mistake' | 'per-positive' = 'none'): CostPerCase {
  return (c, costFp, costFn) => {
    const total = mistake === 'swapped' ? costFn * c.fp + costFp * c.fn : costFp * c.fp + costFn * c.fn;
    if (mistake === 'total') return total;
    if (mistake === 'per-mistake') return total / (c.fp + c.fn || 1);
    if (mistake === 'per-positive') return total / (c.tp + c.fn);
    return total / (c.tp + c.fp + c.tn + c.fn);
  };
}

const stub = (): never => {
  throw new Error('nb-01.2: not implemented — a hint');
};

const failures = failuresIn(shown.exercises, hidden.exercises);

describe('lesson 01 exercise checks', () => {
  it('every public and hidden check passes on a right answer', () => {
    assert.deepEqual(failures('nb-01.1', { countOutcomes: count() }), []);
    assert.deepEqual(failures('nb-01.2', { costPerCase: cost() }), []);
  });

  for (const mistake of ['swapped', 'correct-is-tp', 'skips-last'] as const) {
    it(`nb-01.1 catches counts with the mistake "${mistake}", in the public checks already`, () => {
      assert.ok(failures('nb-01.1', { countOutcomes: count(mistake) }, [shown.exercises]).length > 0);
    });
  }

  for (const mistake of ['swapped', 'total', 'per-mistake', 'per-positive'] as const) {
    it(`nb-01.2 catches a cost with the mistake "${mistake}", in the public checks already`, () => {
      assert.ok(failures('nb-01.2', { costPerCase: cost(mistake) }, [shown.exercises]).length > 0);
    });
  }

  it('the "contains free" rule flags messages of both classes, so it tells fp from fn', () => {
    const { yTrue, yPred } = shown.freeRule();
    const flagged = yPred.map((p, i) => [yTrue[i], p]).filter(([, p]) => p === 1);
    assert.ok(flagged.some(([t]) => t === 0) && flagged.some(([t]) => t === 1));
  });

  it('a stub fails every check with its own hint', () => {
    const lines = failures('nb-01.2', { costPerCase: stub });
    assert.equal(lines.length, shown.exercises[1]!.checks.length + hidden.exercises[1]!.checks.length);
    for (const line of lines) assert.match(line, /not implemented yet; hint: a hint/);
  });
});
