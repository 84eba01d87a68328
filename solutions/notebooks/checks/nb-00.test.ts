/**
 * Lesson 00's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import * as shown from '../../../notebooks/checks/nb-00';
import type { AccuracyOf, LearnThreshold, Measured } from '../../../notebooks/checks/nb-00';
import * as hidden from './nb-00';
import { failuresIn } from './meta';

const isGentoo = (p: Measured): boolean => p.species === 'Gentoo';

/** The answer, written independently of the reference, with switches for common mistakes. */
function accuracy(mistake: 'none' | 'count' | 'predicted-share' | 'error-rate' | 'off-by-one' = 'none'): AccuracyOf {
  return (model, rows) => {
    let right = 0;
    for (const p of rows) if (mistake === 'predicted-share' ? model(p) : model(p) === isGentoo(p)) right++;
    if (mistake === 'count') return right;
    if (mistake === 'error-rate') return 1 - right / rows.length;
    return right / (mistake === 'off-by-one' ? rows.length - 1 : rows.length);
  };
}

function search(mistake: 'none' | 'lengths' | 'last-tie' | 'text-sort' | 'no-dedupe' | 'sorts-rows' = 'none'): LearnThreshold {
  const acc = accuracy();
  return (rows) => {
    if (mistake === 'sorts-rows') rows.sort((a, b) => a.flipper - b.flipper);
    const all = rows.map((p) => p.flipper);
    const distinct = mistake === 'no-dedupe' ? all : Array.from(new Set(all));
    const lengths = mistake === 'text-sort' ? distinct.sort() : distinct.sort((a, b) => a - b);
    const candidates = mistake === 'lengths' ? lengths : lengths.slice(1).map((l, i) => (lengths[i]! + l) / 2);
    let best = NaN;
    let bestAccuracy = -1;
    for (const t of candidates) {
      const a = acc((p) => p.flipper > t, rows);
      if (mistake === 'last-tie' ? a >= bestAccuracy : a > bestAccuracy) [best, bestAccuracy] = [t, a];
    }
    return best;
  };
}

const stub = (): never => {
  throw new Error('nb-00.1: not implemented — a hint');
};

const failures = failuresIn(shown.exercises, hidden.exercises);

describe('lesson 00 exercise checks', () => {
  it('every public and hidden check passes on a right answer', () => {
    assert.deepEqual(failures('nb-00.1', { accuracyOf: accuracy() }), []);
    assert.deepEqual(failures('nb-00.2', { learnThreshold: search() }), []);
  });

  for (const mistake of ['count', 'predicted-share', 'error-rate', 'off-by-one'] as const) {
    it(`nb-00.1 catches an accuracy with the mistake "${mistake}", in the public checks already`, () => {
      assert.ok(failures('nb-00.1', { accuracyOf: accuracy(mistake) }, [shown.exercises]).length > 0);
    });
  }

  for (const mistake of ['lengths', 'last-tie', 'text-sort', 'no-dedupe', 'sorts-rows'] as const) {
    it(`nb-00.2 catches a search with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-00.2', { learnThreshold: search(mistake) }).length > 0);
    });
  }

  it('the public checks catch keeping the last of two tied thresholds', () => {
    const lines = failures('nb-00.2', { learnThreshold: search('last-tie') }, [shown.exercises]);
    assert.ok(
      lines.some((l) => /strictly better/.test(l)),
      lines.join('\n'),
    );
  });

  it("the lesson's table holds the 342 measured penguins", () => {
    assert.equal(shown.lessonPenguins().length, 342);
  });

  it('a stub fails every check with its own hint', () => {
    const lines = failures('nb-00.1', { accuracyOf: stub });
    assert.equal(lines.length, shown.exercises[0]!.checks.length + hidden.exercises[0]!.checks.length);
    for (const line of lines) assert.match(line, /not implemented yet; hint: a hint/);
  });
});
