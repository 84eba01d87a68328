/**
 * Lesson 05's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import * as shown from '../../../notebooks/checks/nb-05';
import type { ConfidentMistakes, SliceCounts, SliceStats } from '../../../notebooks/checks/nb-05';
import * as hidden from './nb-05';
import { assertStubFailsEveryCheck, failuresIn } from './meta';

type SliceMistake = 'none' | 'swapped' | 'unsorted' | 'labels-from-predictions' | 'sorts-keys';

/** The answer, written as a learner would (one pass with a Map), with switches for common mistakes. */
function sliceCounts(mistake: SliceMistake = 'none'): SliceCounts {
  return (keys, y, predicted) => {
    const stats = new Map<string, SliceStats>();
    keys.forEach((k, i) => {
      const s = stats.get(k) ?? { slice: k, n: 0, ham: 0, spam: 0, fp: 0, fn: 0 };
      s.n++;
      const isSpam = mistake === 'labels-from-predictions' ? predicted[i] === 1 : y[i] === 1;
      if (isSpam) {
        s.spam++;
        if (!predicted[i]) mistake === 'swapped' ? s.fp++ : s.fn++;
      } else {
        s.ham++;
        if (predicted[i]) mistake === 'swapped' ? s.fn++ : s.fp++;
      }
      stats.set(k, s);
    });
    if (mistake === 'sorts-keys') keys.sort();
    const list = [...stats.values()];
    return mistake === 'unsorted' ? list : list.sort((a, b) => a.slice.localeCompare(b.slice));
  };
}

type MistakeMistake = 'none' | 'ascending-ham' | 'strict-threshold' | 'all-rows' | 'ignores-k' | 'returns-scores';

function mostConfidentMistakes(mistake: MistakeMistake = 'none'): ConfidentMistakes {
  return (scores, y, threshold, label, k) => {
    const spam = (s: number) => (mistake === 'strict-threshold' ? s > threshold : s >= threshold);
    const rows = Array.from(y, (_, i) => i).filter(
      (i) => y[i] === label && (mistake === 'all-rows' || (spam(scores[i]!) ? 1 : 0) !== label),
    );
    const up = label === 1 || mistake === 'ascending-ham';
    rows.sort((a, b) => (up ? scores[a]! - scores[b]! : scores[b]! - scores[a]!));
    const top = mistake === 'ignores-k' ? rows : rows.slice(0, k);
    return mistake === 'returns-scores' ? top.map((i) => scores[i]!) : top;
  };
}

const failures = failuresIn(shown.exercises, hidden.exercises);

describe('lesson 05 exercise checks', () => {
  it('every public and hidden check passes on a right answer', () => {
    assert.deepEqual(failures('nb-05.1', { sliceCounts: sliceCounts() }), []);
    assert.deepEqual(failures('nb-05.2', { mostConfidentMistakes: mostConfidentMistakes() }), []);
  });

  it('the reference answers agree with the hand-worked counts', () => {
    assert.deepEqual(shown.referenceSliceCounts(['b', 'a', 'b'], [0, 1, 1], [1, 1, 0]), [
      { slice: 'a', n: 1, ham: 0, spam: 1, fp: 0, fn: 0 },
      { slice: 'b', n: 2, ham: 1, spam: 1, fp: 1, fn: 1 },
    ]);
    assert.deepEqual(shown.referenceConfidentMistakes([0.7, 0.9, 0.1], [0, 0, 1], 0.5, 0, 5), [1, 0]);
  });

  for (const mistake of ['swapped', 'unsorted', 'labels-from-predictions', 'sorts-keys'] as const) {
    it(`nb-05.1 catches slice counts with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-05.1', { sliceCounts: sliceCounts(mistake) }).length > 0);
    });
  }

  for (const mistake of ['ascending-ham', 'strict-threshold', 'all-rows', 'ignores-k', 'returns-scores'] as const) {
    it(`nb-05.2 catches confident mistakes with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-05.2', { mostConfidentMistakes: mostConfidentMistakes(mistake) }).length > 0);
    });
  }

  it('the public checks alone catch swapped error kinds and a wrong sort direction', () => {
    assert.ok(failures('nb-05.1', { sliceCounts: sliceCounts('swapped') }, shown.exercises).length > 0);
    assert.ok(failures('nb-05.2', { mostConfidentMistakes: mostConfidentMistakes('ascending-ham') }, shown.exercises).length > 0);
  });

  it('a stub fails every check with its own hint', () => {
    assertStubFailsEveryCheck(failures, 'nb-05.1', 'sliceCounts', shown.exercises[0]!.checks.length + hidden.exercises[0]!.checks.length);
  });
});
