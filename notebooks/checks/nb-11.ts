/**
 * Checks for the exercises of lesson 11 (Recommending products). The checker cells of the lesson
 * run them: `grader.check('nb-11.1', findBots)`. Each compares what your function returns with
 * an answer worked out by hand on a small log you can read below.
 */
import { closeTo, satisfies, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';
import type { LogEvent } from '../../mlkit/recsys/types';

export type FindBots = (events: readonly LogEvent[], maxViewsPerDay: number) => number[];

/** What `splitByTime` returns: the two windows, and the test users the training window never saw. */
export interface TimeSplit {
  train: LogEvent[];
  test: LogEvent[];
  coldUsers: number[];
}
export type SplitByTime = (events: readonly LogEvent[], cutoff: number, testEnd: number) => TimeSplit;

export type RankingMetric = (ranked: readonly number[], relevant: ReadonlySet<number>, k: number) => number;

/** neighbours.get(j).get(i): the similarity of item i to item j, for j's nearest neighbours only. */
export type Neighbours = ReadonlyMap<number, ReadonlyMap<number, number>>;
export type ItemItemTopK = (history: readonly number[], neighbours: Neighbours, k: number) => number[];

const DAY = 86_400_000;
/** Midnight UTC of 1 March 2010, epoch ms: the hand-made logs below start there. */
export const MARCH_1 = Date.UTC(2010, 2, 1);

/** A log event for the hand-made cases. */
export function ev(user: number, item: number, ts: number, event: LogEvent['event'] = 'view'): LogEvent {
  return { user_id: user, item_id: item, event, ts };
}

const asJson = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** The learner's value equals the expected one, compared as JSON. */
export function sameAs<F>(name: string, got: (fns: F) => unknown, expected: unknown, hint: string) {
  return satisfies<F, unknown>(name, {
    got,
    test: (v) => asJson(v) === asJson(expected),
    expected: asJson(expected),
    show: asJson,
    hint,
  });
}

/** The learner's number is NaN (a metric that divides by an empty relevant set). */
export function isNaNCheck<F>(name: string, got: (fns: F) => number, hint: string) {
  return satisfies<F, number>(name, { got, test: (v) => typeof v === 'number' && Number.isNaN(v), expected: 'NaN', show: String, hint });
}

// User 7 views 4 items on 1 March (over a limit of 3); user 8 views 3 a day on two days (never
// over); user 9 views 2 and carts 5 on one day (carts are not views).
const BOT_LOG: LogEvent[] = [
  ...[1, 2, 3, 4].map((item, i) => ev(7, item, MARCH_1 + 3_600_000 + i * 2000)),
  ...[1, 2, 3].map((item, i) => ev(8, item, MARCH_1 + 7_200_000 + i * 60_000)),
  ...[4, 5, 6].map((item, i) => ev(8, item, MARCH_1 + DAY + 7_200_000 + i * 60_000)),
  ev(9, 1, MARCH_1 + 10_000),
  ev(9, 2, MARCH_1 + 20_000),
  ...[1, 2, 3, 4, 5].map((item, i) => ev(9, item, MARCH_1 + 30_000 + i * 1000, 'cart')),
];

type B = { findBots: FindBots };
const botChecks: ExerciseChecks<B> = {
  id: 'nb-11.1',
  section: 'Bots',
  uses: ['findBots'],
  checks: [
    sameAs<B>(
      'user 7 views 4 titles in one day, over a limit of 3',
      (f) => f.findBots(BOT_LOG.slice(0, 4), 3),
      [7],
      'count views per (user, UTC day); a user is a bot when one day holds more than maxViewsPerDay',
    ),
    sameAs<B>(
      'six views over two days (3 a day) is not a bot; carts are not views',
      (f) => f.findBots(BOT_LOG, 3),
      [7],
      'the limit is per day: key the count by user and Math.floor(ts / 86 400 000); count only event === "view"',
    ),
  ],
};

// Cutoff: 1 April; test window up to 1 May. User 1 is seen before and after; user 2 only in April
// (cold); user 3 only in March; one event sits exactly on the cutoff, one after the test window.
export const APRIL_1 = Date.UTC(2010, 3, 1);
export const MAY_1 = Date.UTC(2010, 4, 1);
const SPLIT_LOG: LogEvent[] = [
  ev(1, 10, MARCH_1 + DAY),
  ev(3, 11, MARCH_1 + 2 * DAY),
  ev(1, 12, APRIL_1),
  ev(2, 10, APRIL_1 + 5 * DAY),
  ev(2, 13, APRIL_1 + 6 * DAY, 'purchase'),
  ev(1, 14, MAY_1),
];

type S = { splitByTime: SplitByTime };
const splitChecks: ExerciseChecks<S> = {
  id: 'nb-11.2',
  section: 'An honest split',
  uses: ['splitByTime'],
  checks: [
    sameAs<S>(
      'training events are the ones strictly before the cutoff',
      (f) => f.splitByTime(SPLIT_LOG, APRIL_1, MAY_1).train,
      SPLIT_LOG.slice(0, 2),
      'train: ts < cutoff (an event at exactly the cutoff belongs to the test month)',
    ),
    sameAs<S>(
      'test events are cutoff ≤ ts < testEnd, in log order',
      (f) => f.splitByTime(SPLIT_LOG, APRIL_1, MAY_1).test,
      SPLIT_LOG.slice(2, 5),
      'test: cutoff ≤ ts < testEnd; an event at testEnd or later is in neither',
    ),
    sameAs<S>(
      'user 2 is active in April with no history: a cold user, listed once',
      (f) => f.splitByTime(SPLIT_LOG, APRIL_1, MAY_1).coldUsers,
      [2],
      'coldUsers: the distinct users with a test event and no train event, ascending',
    ),
  ],
};

// Relevant: 1, 5, 9. The list hits at ranks 2 and 4.
const RELEVANT = new Set([1, 5, 9]);
const RANKED = [4, 1, 7, 5, 2];
const ideal3 = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);

type R = { recallAtK: RankingMetric; ndcgAtK: RankingMetric };
const metricChecks: ExerciseChecks<R> = {
  id: 'nb-11.3',
  section: 'Ranking metrics by hand',
  uses: ['recallAtK', 'ndcgAtK'],
  checks: [
    closeTo<R>('recall@3 and recall@5 of [4, 1, 7, 5, 2] against {1, 5, 9}', {
      got: (f) => [f.recallAtK(RANKED, RELEVANT, 3), f.recallAtK(RANKED, RELEVANT, 5)],
      expected: [1 / 3, 2 / 3],
      absolute: 1e-12,
      hint: 'recall@k = relevant items among the first k / number of relevant items',
    }),
    closeTo<R>('NDCG@3 and NDCG@5 of the same list', {
      got: (f) => [f.ndcgAtK(RANKED, RELEVANT, 3), f.ndcgAtK(RANKED, RELEVANT, 5)],
      expected: [1 / Math.log2(3) / ideal3, (1 / Math.log2(3) + 1 / Math.log2(5)) / ideal3],
      absolute: 1e-12,
      hint: 'a hit at rank r (1-based) earns 1 / log2(r + 1); divide by the same sum for min(k, |relevant|) hits at the top',
    }),
    closeTo<R>('a list shorter than k: [1] at k = 10', {
      got: (f) => [f.recallAtK([1], RELEVANT, 10), f.ndcgAtK([1], RELEVANT, 10)],
      expected: [1 / 3, 1 / ideal3],
      absolute: 1e-12,
      hint: 'score the list that is there; the ideal list still holds every relevant item (up to k)',
    }),
    isNaNCheck<R>(
      'no relevant items: recall is undefined (NaN), not 0',
      (f) => f.recallAtK(RANKED, new Set(), 3),
      'with an empty relevant set return NaN; the mean over users skips those users',
    ),
  ],
};

// Items 1 and 2 are the history. Item 3 is close to both (0.5 + 0.2), item 4 to item 1 only (0.6);
// items 1 and 2 are each other's neighbours but already seen.
export const NEIGHBOURS: Neighbours = new Map([
  [
    1,
    new Map([
      [2, 0.9],
      [3, 0.5],
      [4, 0.6],
    ]),
  ],
  [
    2,
    new Map([
      [1, 0.9],
      [3, 0.2],
      [5, 0.1],
    ]),
  ],
]);

type I = { itemItemTopK: ItemItemTopK };
const knnChecks: ExerciseChecks<I> = {
  id: 'nb-11.4',
  section: 'Item–item collaborative filtering',
  uses: ['itemItemTopK'],
  checks: [
    sameAs<I>(
      'history [1, 2]: item 3 (0.5 + 0.2) before item 4 (0.6) before item 5 (0.1)',
      (f) => f.itemItemTopK([1, 2], NEIGHBOURS, 3),
      [3, 4, 5],
      "score(i) = the sum over the history's items j of neighbours.get(j).get(i); highest first",
    ),
    sameAs<I>(
      'never recommends an item of the history, even with room to spare',
      (f) => f.itemItemTopK([1, 2], NEIGHBOURS, 5),
      [3, 4, 5],
      'skip every item that is already in the history (items 1 and 2 are neighbours of each other, but both seen)',
    ),
    sameAs<I>('at most k items', (f) => f.itemItemTopK([1, 2], NEIGHBOURS, 1), [3], 'keep the first k of the sorted candidates'),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [botChecks, splitChecks, metricChecks, knnChecks];

export const grader = createGrader('notebooks/checks/nb-11.ts', exercises);
