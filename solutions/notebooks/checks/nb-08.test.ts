/**
 * Lesson 08's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import { mulberry32 } from '../../../mlkit/data/random';
import { ks2samp } from '../../../mlkit/drift/ks';
import * as shown from '../../../notebooks/checks/nb-08';
import type { KsStatistic, RecallDropInterval } from '../../../notebooks/checks/nb-08';
import * as hidden from './nb-08';
import { assertStubFailsEveryCheck, failuresIn } from './meta';

type KsMistake = 'none' | 'no-ties' | 'one-sided' | 'only-at-a' | 'in-place' | 'string-sort';

/** The answer, a merge over both sorted samples, with switches for common mistakes. */
function ksStatistic(mistake: KsMistake = 'none'): KsStatistic {
  return (a0, b0) => {
    const order = mistake === 'string-sort' ? undefined : (x: number, y: number) => x - y;
    const a = mistake === 'in-place' ? a0.sort(order) : [...a0].sort(order);
    const b = mistake === 'in-place' ? b0.sort(order) : [...b0].sort(order);
    let i = 0,
      j = 0,
      best = 0;
    while (i < a.length || j < b.length) {
      const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
      if (mistake === 'no-ties') {
        if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) i++;
        else j++;
      } else {
        while (i < a.length && a[i]! <= x) i++;
        while (j < b.length && b[j]! <= x) j++;
      }
      if (mistake === 'only-at-a' && !a.includes(x)) continue;
      const gap = i / a.length - j / b.length;
      best = Math.max(best, mistake === 'one-sided' ? gap : Math.abs(gap));
    }
    return best;
  };
}

type DropMistake = 'none' | 'paired' | 'no-resampling' | 'swapped' | 'floor-quantile' | 'two-loops' | 'strict-threshold';

function recallDropInterval(mistake: DropMistake = 'none'): RecallDropInterval {
  return (spam1, spam2, threshold, resamples, random) => {
    const hit = (s: number) => (mistake === 'strict-threshold' ? s > threshold : s >= threshold);
    const caught = (scores: number[], picks?: number[]) => {
      let hits = 0;
      for (let i = 0; i < scores.length; i++) {
        const k =
          mistake === 'no-resampling'
            ? i
            : picks
              ? Math.floor(picks[i % picks.length]! * scores.length)
              : Math.floor(random() * scores.length);
        if (hit(scores[k]!)) hits++;
      }
      return hits / scores.length;
    };
    let drops: number[] = [];
    if (mistake === 'two-loops') {
      const first = Array.from({ length: resamples }, () => caught(spam1));
      drops = first.map((c) => c - caught(spam2));
    } else {
      for (let r = 0; r < resamples; r++) {
        if (mistake === 'paired') {
          const picks = Array.from({ length: Math.max(spam1.length, spam2.length) }, () => random());
          drops.push(caught(spam1, picks) - caught(spam2, picks));
        } else {
          const one = caught(spam1);
          const two = caught(spam2);
          drops.push(mistake === 'swapped' ? two - one : one - two);
        }
      }
    }
    drops.sort((x, y) => x - y);
    const at = (q: number) => drops[mistake === 'floor-quantile' ? Math.floor(q * resamples) : Math.ceil(q * resamples) - 1]!;
    return { low: at(0.025), high: at(0.975) };
  };
}

const failures = failuresIn(shown.exercises, hidden.exercises);

describe('lesson 08 exercise checks', () => {
  it('every public and hidden check passes on a right answer', () => {
    assert.deepEqual(failures('nb-08.1', { ksStatistic: ksStatistic() }), []);
    assert.deepEqual(failures('nb-08.2', { recallDropInterval: recallDropInterval() }), []);
  });

  it('the answer agrees with ks2samp on random samples with ties', () => {
    const random = mulberry32(1);
    for (let t = 0; t < 20; t++) {
      const a = Array.from({ length: 1 + Math.floor(random() * 30) }, () => Math.floor(random() * 8));
      const b = Array.from({ length: 1 + Math.floor(random() * 30) }, () => Math.floor(random() * 8));
      assert.ok(Math.abs(ksStatistic()(a, b) - ks2samp(a, b).statistic) < 1e-12);
    }
  });

  it("the reference interval is the lesson's loop: indices 24 and 974 of 1000 sorted drops", () => {
    const r = shown.referenceDropInterval([0.9, 0.1, 0.8], [0.2, 0.7], 0.5, 1000, mulberry32(11));
    const random = mulberry32(11);
    const caught = (s: number[]) =>
      s.filter(() => true).reduce((h) => h + (s[Math.floor(random() * s.length)]! >= 0.5 ? 1 : 0), 0) / s.length;
    const drops = Array.from({ length: 1000 }, () => caught([0.9, 0.1, 0.8]) - caught([0.2, 0.7])).sort((x, y) => x - y);
    assert.deepEqual(r, { low: drops[24], high: drops[974] });
  });

  for (const mistake of ['no-ties', 'one-sided', 'only-at-a', 'in-place', 'string-sort'] as const) {
    it(`nb-08.1 catches a KS statistic with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-08.1', { ksStatistic: ksStatistic(mistake) }).length > 0);
    });
  }

  for (const mistake of ['paired', 'no-resampling', 'swapped', 'floor-quantile', 'two-loops', 'strict-threshold'] as const) {
    it(`nb-08.2 catches a drop interval with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-08.2', { recallDropInterval: recallDropInterval(mistake) }).length > 0);
    });
  }

  it('the public checks alone catch ignored ties and a missing resample', () => {
    assert.ok(failures('nb-08.1', { ksStatistic: ksStatistic('no-ties') }, shown.exercises).length > 0);
    assert.ok(failures('nb-08.2', { recallDropInterval: recallDropInterval('no-resampling') }, shown.exercises).length > 0);
  });

  it('a stub fails every check with its own hint', () => {
    assertStubFailsEveryCheck(failures, 'nb-08.1', 'ksStatistic', shown.exercises[0]!.checks.length + hidden.exercises[0]!.checks.length);
  });
});
