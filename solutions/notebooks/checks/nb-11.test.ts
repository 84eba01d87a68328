/**
 * Lesson 11's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import * as shown from '../../../notebooks/checks/nb-11';
import type { FindBots, ItemItemTopK, RankingMetric, SplitByTime } from '../../../notebooks/checks/nb-11';
import * as hidden from './nb-11';
import { assertStubFailsEveryCheck, failuresIn } from './meta';

const DAY = 86_400_000;

type BotMistake = 'none' | 'all-events' | 'at-least' | 'total-not-per-day' | 'unsorted' | 'repeats' | 'rolling-24h';

/** The answer as a learner would write it (a Map of counts), with switches for common mistakes. */
function findBots(mistake: BotMistake = 'none'): FindBots {
  return (events, max) => {
    const counts = new Map<string, number>();
    const found: number[] = [];
    const first = new Map<number, number>();
    for (const e of events) {
      if (e.event !== 'view' && mistake !== 'all-events') continue;
      if (!first.has(e.user_id)) first.set(e.user_id, e.ts);
      const day =
        mistake === 'total-not-per-day'
          ? 0
          : mistake === 'rolling-24h'
            ? Math.floor((e.ts - (first.get(e.user_id) as number)) / DAY)
            : Math.floor(e.ts / DAY);
      const key = `${e.user_id}:${day}`;
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (mistake === 'at-least' ? n >= max : n > max) found.push(e.user_id);
    }
    const ids = mistake === 'repeats' ? found : [...new Set(found)];
    return mistake === 'unsorted' || mistake === 'repeats' ? ids : ids.sort((a, b) => a - b);
  };
}

type SplitMistake = 'none' | 'inclusive-cutoff' | 'no-end' | 'all-test-users-cold' | 'cold-repeats' | 'sorts-by-time';

function splitByTime(mistake: SplitMistake = 'none'): SplitByTime {
  return (events, cutoff, testEnd) => {
    const rows = mistake === 'sorts-by-time' ? [...events].sort((a, b) => a.ts - b.ts) : events;
    const train = rows.filter((e) => (mistake === 'inclusive-cutoff' ? e.ts <= cutoff : e.ts < cutoff));
    const test = rows.filter((e) => e.ts >= cutoff && (mistake === 'no-end' || e.ts < testEnd));
    const known = new Set(train.map((e) => e.user_id));
    const testUsers = test.map((e) => e.user_id);
    const cold = (mistake === 'cold-repeats' ? testUsers : [...new Set(testUsers)]).filter(
      (u) => mistake === 'all-test-users-cold' || !known.has(u),
    );
    return { train, test, coldUsers: cold.sort((a, b) => a - b) };
  };
}

type MetricMistake = 'none' | 'counts-repeats' | 'zero-when-empty' | 'divides-by-k' | 'ideal-all-relevant' | 'no-cut' | 'rank-from-zero';

function metrics(mistake: MetricMistake = 'none'): { recallAtK: RankingMetric; ndcgAtK: RankingMetric } {
  const top = (ranked: readonly number[], k: number) => (mistake === 'no-cut' ? [...ranked] : ranked.slice(0, k));
  const undefinedValue = mistake === 'zero-when-empty' ? 0 : NaN;
  return {
    recallAtK: (ranked, relevant, k) => {
      if (relevant.size === 0) return undefinedValue;
      const items = mistake === 'counts-repeats' ? top(ranked, k) : [...new Set(top(ranked, k))];
      const hits = items.filter((i) => relevant.has(i)).length;
      return hits / (mistake === 'divides-by-k' ? Math.min(k, relevant.size) : relevant.size);
    },
    ndcgAtK: (ranked, relevant, k) => {
      if (relevant.size === 0) return undefinedValue;
      const discount = (i: number) => 1 / Math.log2(i + (mistake === 'rank-from-zero' ? 1 : 2));
      const credited = new Set<number>();
      let dcg = 0;
      top(ranked, k).forEach((item, i) => {
        if (!relevant.has(item) || (mistake !== 'counts-repeats' && credited.has(item))) return;
        credited.add(item);
        dcg += discount(i);
      });
      let ideal = 0;
      const n = mistake === 'ideal-all-relevant' ? relevant.size : Math.min(k, relevant.size);
      for (let i = 0; i < n; i++) ideal += discount(i);
      return dcg / ideal;
    },
  };
}

type KnnMistake = 'none' | 'keeps-seen' | 'max-not-sum' | 'ties-by-higher-id' | 'ignores-k' | 'pads-with-history';

function itemItemTopK(mistake: KnnMistake = 'none'): ItemItemTopK {
  return (history, neighbours, k) => {
    const seen = new Set(history);
    const score = new Map<number, number>();
    for (const j of history) {
      for (const [i, s] of neighbours.get(j) ?? new Map<number, number>()) {
        if (seen.has(i) && mistake !== 'keeps-seen') continue;
        const before = score.get(i) ?? 0;
        score.set(i, mistake === 'max-not-sum' ? Math.max(before, s) : before + s);
      }
    }
    const sorted = [...score].sort((a, b) => b[1] - a[1] || (mistake === 'ties-by-higher-id' ? b[0] - a[0] : a[0] - b[0])).map(([i]) => i);
    const list = mistake === 'pads-with-history' ? [...sorted, ...history] : sorted;
    return mistake === 'ignores-k' ? list : list.slice(0, k);
  };
}

const failures = failuresIn(shown.exercises, hidden.exercises);

describe('lesson 11 exercise checks', () => {
  it('every public and hidden check passes on a right answer', () => {
    assert.deepEqual(failures('nb-11.1', { findBots: findBots() }), []);
    assert.deepEqual(failures('nb-11.2', { splitByTime: splitByTime() }), []);
    assert.deepEqual(failures('nb-11.3', metrics()), []);
    assert.deepEqual(failures('nb-11.4', { itemItemTopK: itemItemTopK() }), []);
  });

  for (const mistake of ['all-events', 'at-least', 'total-not-per-day', 'unsorted', 'repeats', 'rolling-24h'] as const) {
    it(`nb-11.1 catches bot detection with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-11.1', { findBots: findBots(mistake) }).length > 0);
    });
  }
  for (const mistake of ['inclusive-cutoff', 'no-end', 'all-test-users-cold', 'cold-repeats', 'sorts-by-time'] as const) {
    it(`nb-11.2 catches a split with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-11.2', { splitByTime: splitByTime(mistake) }).length > 0);
    });
  }
  for (const mistake of ['counts-repeats', 'zero-when-empty', 'divides-by-k', 'ideal-all-relevant', 'no-cut', 'rank-from-zero'] as const) {
    it(`nb-11.3 catches ranking metrics with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-11.3', metrics(mistake)).length > 0);
    });
  }
  for (const mistake of ['keeps-seen', 'max-not-sum', 'ties-by-higher-id', 'ignores-k', 'pads-with-history'] as const) {
    it(`nb-11.4 catches item–item scores with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-11.4', { itemItemTopK: itemItemTopK(mistake) }).length > 0);
    });
  }

  it('the public checks alone catch the mistakes a learner meets first', () => {
    assert.ok(failures('nb-11.1', { findBots: findBots('all-events') }, shown.exercises).length > 0);
    assert.ok(failures('nb-11.1', { findBots: findBots('total-not-per-day') }, shown.exercises).length > 0);
    assert.ok(failures('nb-11.2', { splitByTime: splitByTime('inclusive-cutoff') }, shown.exercises).length > 0);
    assert.ok(failures('nb-11.2', { splitByTime: splitByTime('all-test-users-cold') }, shown.exercises).length > 0);
    assert.ok(failures('nb-11.3', metrics('rank-from-zero'), shown.exercises).length > 0);
    assert.ok(failures('nb-11.3', metrics('zero-when-empty'), shown.exercises).length > 0);
    assert.ok(failures('nb-11.4', { itemItemTopK: itemItemTopK('keeps-seen') }, shown.exercises).length > 0);
  });

  it('the hidden checks catch what the public ones let through: duplicates in a list, a UTC day boundary, ties', () => {
    assert.deepEqual(failures('nb-11.3', metrics('counts-repeats'), shown.exercises), []);
    assert.ok(failures('nb-11.3', metrics('counts-repeats'), hidden.exercises).length > 0);
    assert.deepEqual(failures('nb-11.1', { findBots: findBots('rolling-24h') }, shown.exercises), []);
    assert.ok(failures('nb-11.1', { findBots: findBots('rolling-24h') }, hidden.exercises).length > 0);
    assert.ok(failures('nb-11.4', { itemItemTopK: itemItemTopK('ties-by-higher-id') }, hidden.exercises).length > 0);
  });

  it('a stub fails every check with its own hint', () => {
    const count = (i: number) => shown.exercises[i]!.checks.length + hidden.exercises[i]!.checks.length;
    assertStubFailsEveryCheck(failures, 'nb-11.1', 'findBots', count(0));
    assertStubFailsEveryCheck(failures, 'nb-11.2', 'splitByTime', count(1));
    assertStubFailsEveryCheck(failures, 'nb-11.4', 'itemItemTopK', count(3));
  });
});
