/**
 * Lesson 04's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import * as shown from '../../../notebooks/checks/nb-04';
import type { AucByRanks, CheapestThreshold, ScoresOf } from '../../../notebooks/checks/nb-04';
import * as hidden from './nb-04';
import { failuresIn } from './meta';

/** The answers, written independently of the toolkit, with switches for common mistakes. */
function scores(mistake: 'none' | 'swapped' | 'mean-f1' | 'nan' = 'none'): ScoresOf {
  return (c) => {
    const ratio = (a: number, b: number): number => (b === 0 && mistake !== 'nan' ? 0 : a / b);
    const p = ratio(c.tp, c.tp + c.fp);
    const r = ratio(c.tp, c.tp + c.fn);
    const f = mistake === 'mean-f1' ? (p + r) / 2 : ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);
    return mistake === 'swapped' ? { precision: r, recall: p, f1: f } : { precision: p, recall: r, f1: f };
  };
}

function auc(mistake: 'none' | 'ties-not-halved' | 'zero-based' | 'descending' | 'sorts-input' | 'negatives' = 'none'): AucByRanks {
  return (y, s) => {
    const scoresSeen = mistake === 'sorts-input' ? (s as number[]) : Array.from(s);
    const order = y.map((_, i) => i);
    order.sort((a, b) => (mistake === 'descending' ? scoresSeen[b]! - scoresSeen[a]! : scoresSeen[a]! - scoresSeen[b]!));
    const ranks: number[] = [];
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (mistake !== 'ties-not-halved' && j + 1 < order.length && scoresSeen[order[j + 1]!] === scoresSeen[order[i]!]) j++;
      for (let k = i; k <= j; k++) ranks[order[k]!] = (i + j) / 2 + (mistake === 'zero-based' ? 0 : 1);
      i = j + 1;
    }
    if (mistake === 'sorts-input') scoresSeen.sort((a, b) => a - b);
    const nPos = y.filter((v) => v === 1).length;
    const nNeg = y.length - nPos;
    const sum = y.reduce((acc, v, i) => acc + (v === 1 ? ranks[i]! : 0), 0);
    const smallest = mistake === 'negatives' ? (nNeg * (nNeg + 1)) / 2 : (nPos * (nPos + 1)) / 2;
    return (sum - smallest) / (nPos * nNeg);
  };
}

function cheapest(
  mistake: 'none' | 'strict-flag' | 'lowest-tie' | 'swapped-costs' | 'total' | 'no-infinity' | 'sorts-input' = 'none',
): CheapestThreshold {
  return (y, s, costFp, costFn) => {
    const values =
      mistake === 'sorts-input' ? (s as number[]).sort((a, b) => b - a) : Array.from(new Set(Array.from(s))).sort((a, b) => b - a);
    const candidates = mistake === 'no-infinity' ? values : [Infinity, ...values];
    let best = { threshold: NaN, cost: Infinity };
    for (const t of candidates) {
      let fp = 0;
      let fn = 0;
      y.forEach((label, i) => {
        const flagged = mistake === 'strict-flag' ? s[i]! > t : s[i]! >= t;
        if (flagged && label === 0) fp++;
        if (!flagged && label === 1) fn++;
      });
      const total = mistake === 'swapped-costs' ? costFn * fp + costFp * fn : costFp * fp + costFn * fn;
      const cost = mistake === 'total' ? total : total / y.length;
      if (mistake === 'lowest-tie' ? cost <= best.cost : cost < best.cost) best = { threshold: t, cost };
    }
    return best;
  };
}

const stub = (): never => {
  throw new Error('nb-04.2: not implemented — a hint');
};

const failures = failuresIn(shown.exercises, hidden.exercises);

describe('lesson 04 exercise checks', function () {
  // Loading the committed model and scoring the validation split takes seconds on a busy machine.
  this.timeout(120_000);

  it('every public and hidden check passes on a right answer', () => {
    assert.deepEqual(failures('nb-04.1', { scoresOf: scores() }), []);
    assert.deepEqual(failures('nb-04.2', { aucByRanks: auc() }), []);
    assert.deepEqual(failures('nb-04.3', { cheapestThreshold: cheapest() }), []);
  });

  for (const mistake of ['swapped', 'mean-f1', 'nan'] as const) {
    it(`nb-04.1 catches scores with the mistake "${mistake}", in the public checks already`, () => {
      assert.ok(failures('nb-04.1', { scoresOf: scores(mistake) }, [shown.exercises]).length > 0);
    });
  }

  for (const mistake of ['ties-not-halved', 'zero-based', 'descending', 'negatives'] as const) {
    it(`nb-04.2 catches an AUC with the mistake "${mistake}", in the public checks already`, () => {
      assert.ok(failures('nb-04.2', { aucByRanks: auc(mistake) }, [shown.exercises]).length > 0);
    });
  }
  it('nb-04.2 catches an AUC that sorts the scores in place', () => {
    assert.ok(failures('nb-04.2', { aucByRanks: auc('sorts-input') }).length > 0);
  });

  for (const mistake of ['strict-flag', 'lowest-tie', 'swapped-costs', 'total'] as const) {
    it(`nb-04.3 catches a threshold search with the mistake "${mistake}", in the public checks already`, () => {
      assert.ok(failures('nb-04.3', { cheapestThreshold: cheapest(mistake) }, [shown.exercises]).length > 0);
    });
  }
  for (const mistake of ['no-infinity', 'sorts-input'] as const) {
    it(`nb-04.3 catches a threshold search with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-04.3', { cheapestThreshold: cheapest(mistake) }).length > 0);
    });
  }

  it("the validation scores have no ties, so the rounded copies are what tests the tie rule on the lesson's data", () => {
    const { s } = shown.lessonValidation();
    const rounded = new Set(s.map((v) => Math.round(v * 100) / 100));
    assert.ok(rounded.size < s.length / 2, `${rounded.size} distinct rounded scores of ${s.length}`);
  });

  it('a stub fails every check with its own hint', () => {
    const lines = failures('nb-04.2', { aucByRanks: stub });
    assert.equal(lines.length, shown.exercises[1]!.checks.length + hidden.exercises[1]!.checks.length);
    for (const line of lines) assert.match(line, /not implemented yet; hint: a hint/);
  });
});
