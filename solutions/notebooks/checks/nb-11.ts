/**
 * Hidden checks for lesson 11's exercises: other inputs than the lesson's, and the edges (an
 * empty log, exactly at the limit, a UTC day boundary, duplicates in a list, ties, k larger
 * than the candidates).
 */
import type { ExerciseChecks } from '../../../grading/exercises/check';
import { closeTo } from '../../../grading/exercises/check';
import {
  APRIL_1,
  ev,
  isNaNCheck,
  MARCH_1,
  MAY_1,
  NEIGHBOURS,
  sameAs,
  type FindBots,
  type ItemItemTopK,
  type Neighbours,
  type RankingMetric,
  type SplitByTime,
} from '../../../notebooks/checks/nb-11';
import type { LogEvent } from '../../../mlkit/recsys/types';

const DAY = 86_400_000;
const views = (user: number, n: number, start: number, gap = 1000): LogEvent[] =>
  Array.from({ length: n }, (_, i) => ev(user, 100 + i, start + i * gap));

type B = { findBots: FindBots };
const botChecks: ExerciseChecks<B> = {
  id: 'nb-11.1',
  section: 'Bots',
  uses: ['findBots'],
  checks: [
    sameAs<B>('an empty log has no bots', (f) => f.findBots([], 100), [], 'return an empty list when there are no events'),
    sameAs<B>(
      'exactly the limit is not a bot',
      (f) => f.findBots(views(4, 5, MARCH_1 + 1000), 5),
      [],
      'a bot has MORE than maxViewsPerDay views in a day (>, not ≥)',
    ),
    sameAs<B>(
      'four views either side of midnight UTC are two days of two',
      (f) => f.findBots([...views(5, 2, MARCH_1 - 5000), ...views(5, 2, MARCH_1 + 1000)], 3),
      [],
      'days are UTC calendar days: Math.floor(ts / 86 400 000), not 24 hours from the first view',
    ),
    sameAs<B>(
      'several bots, interleaved, come back once each in ascending id',
      (f) => f.findBots([...views(30, 3, MARCH_1 + 500), ...views(6, 3, MARCH_1), ...views(30, 3, MARCH_1 + 200), ev(2, 1, MARCH_1)], 2),
      [6, 30],
      'return distinct user ids sorted ascending ((a, b) => a - b)',
    ),
    sameAs<B>(
      'a customer with many carts and purchases but few views is not a bot',
      (f) =>
        f.findBots(
          [
            ...views(8, 2, MARCH_1),
            ...[1, 2, 3, 4].map((i) => ev(8, i, MARCH_1 + DAY / 2 + i, 'cart')),
            ...[1, 2].map((i) => ev(8, i, MARCH_1 + DAY / 2 + 10 + i, 'purchase')),
          ],
          3,
        ),
      [],
      'count only views (event === "view")',
    ),
  ],
};

// Log order is not time order: a skewed clock can put a later row before an earlier one.
const SHUFFLED: LogEvent[] = [
  ev(1, 20, APRIL_1 + 3 * DAY),
  ev(1, 21, MARCH_1),
  ev(4, 22, APRIL_1 + DAY),
  ev(4, 23, APRIL_1 + 2 * DAY, 'cart'),
  ev(6, 24, APRIL_1 - 1),
  ev(5, 25, MAY_1 - 1),
  ev(6, 20, MAY_1 + DAY),
];

type S = { splitByTime: SplitByTime };
const splitChecks: ExerciseChecks<S> = {
  id: 'nb-11.2',
  section: 'An honest split',
  uses: ['splitByTime'],
  checks: [
    sameAs<S>(
      'an empty log: empty windows and no cold users',
      (f) => f.splitByTime([], APRIL_1, MAY_1),
      { train: [], test: [], coldUsers: [] },
      'return { train: [], test: [], coldUsers: [] } for no events',
    ),
    sameAs<S>(
      'rows out of time order keep their log order in each window',
      (f) => {
        const s = f.splitByTime(SHUFFLED, APRIL_1, MAY_1);
        return { train: s.train, test: s.test };
      },
      { train: [SHUFFLED[1], SHUFFLED[4]], test: [SHUFFLED[0], SHUFFLED[2], SHUFFLED[3], SHUFFLED[5]] },
      'filter the events by ts; do not sort them',
    ),
    sameAs<S>(
      'a cold user with several test events is listed once; users sorted ascending',
      (f) => f.splitByTime(SHUFFLED, APRIL_1, MAY_1).coldUsers,
      [4, 5],
      'collect the test users without a training event in a Set, then sort ascending',
    ),
    sameAs<S>(
      'a user seen only after the test window is not cold: they are not in the test at all',
      (f) => f.splitByTime([ev(9, 1, MAY_1 + 1), ev(8, 2, MARCH_1)], APRIL_1, MAY_1),
      { train: [ev(8, 2, MARCH_1)], test: [], coldUsers: [] },
      'events at or after testEnd belong to neither window',
    ),
    sameAs<S>(
      'everything before the cutoff: no test, no cold users',
      (f) => f.splitByTime([ev(1, 1, MARCH_1), ev(2, 2, MARCH_1 + DAY)], MAY_1, MAY_1 + 31 * DAY),
      { train: [ev(1, 1, MARCH_1), ev(2, 2, MARCH_1 + DAY)], test: [], coldUsers: [] },
      'with no test events there are no cold users',
    ),
  ],
};

type R = { recallAtK: RankingMetric; ndcgAtK: RankingMetric };
const l2 = Math.log2;
const metricChecks: ExerciseChecks<R> = {
  id: 'nb-11.3',
  section: 'Ranking metrics by hand',
  uses: ['recallAtK', 'ndcgAtK'],
  checks: [
    closeTo<R>('an item listed twice is credited once', {
      got: (f) => [f.recallAtK([1, 1, 5], new Set([1, 5]), 3), f.ndcgAtK([1, 1, 5], new Set([1, 5]), 3)],
      expected: [1, (1 + 1 / l2(4)) / (1 + 1 / l2(3))],
      absolute: 1e-12,
      hint: 'count a repeated item once: the second copy is a wasted slot, not a second hit',
    }),
    closeTo<R>('more relevant items than k: the ideal list has k hits', {
      got: (f) => [f.ndcgAtK([3, 2], new Set([1, 2, 3, 4]), 2), f.recallAtK([3, 2], new Set([1, 2, 3, 4]), 2)],
      expected: [1, 0.5],
      absolute: 1e-12,
      hint: 'the ideal DCG@k puts min(k, |relevant|) hits at the top; recall still divides by |relevant|',
    }),
    closeTo<R>('an empty list scores 0, a list longer than k is cut at k', {
      got: (f) => [
        f.recallAtK([], new Set([1]), 5),
        f.ndcgAtK([], new Set([1]), 5),
        f.recallAtK([7, 8, 1], new Set([1]), 2),
        f.ndcgAtK([7, 8, 1], new Set([1]), 2),
      ],
      expected: [0, 0, 0, 0],
      absolute: 1e-12,
      hint: 'only the first k items count; a hit at rank k + 1 earns nothing',
    }),
    closeTo<R>('a single hit at rank 1 and at rank 10', {
      got: (f) => [f.ndcgAtK([1, 2, 3], new Set([1]), 10), f.ndcgAtK([0, 2, 3, 4, 5, 6, 7, 8, 9, 1], new Set([1]), 10)],
      expected: [1, 1 / l2(11)],
      absolute: 1e-12,
      hint: 'rank r (1-based) is discounted by log2(r + 1): rank 1 by log2 2 = 1',
    }),
    isNaNCheck<R>(
      'no relevant items: NDCG is undefined (NaN) too',
      (f) => f.ndcgAtK([1, 2], new Set(), 2),
      'the ideal DCG of an empty relevant set is 0; return NaN rather than 0 / 0 or 0',
    ),
  ],
};

const TIES: Neighbours = new Map([
  [
    10,
    new Map([
      [30, 0.4],
      [20, 0.4],
      [40, 0.1],
    ]),
  ],
  [
    11,
    new Map([
      [40, 0.35],
      [10, 0.2],
    ]),
  ],
]);

type I = { itemItemTopK: ItemItemTopK };
const knnChecks: ExerciseChecks<I> = {
  id: 'nb-11.4',
  section: 'Item–item collaborative filtering',
  uses: ['itemItemTopK'],
  checks: [
    sameAs<I>('no history, nothing to score', (f) => f.itemItemTopK([], NEIGHBOURS, 5), [], 'return an empty list for an empty history'),
    sameAs<I>(
      'equal scores: the lower item id first',
      (f) => f.itemItemTopK([10, 11], TIES, 3),
      [40, 20, 30],
      'sort by score, highest first, then by item id ascending',
    ),
    sameAs<I>(
      'k larger than the candidates: the list is shorter than k',
      (f) => f.itemItemTopK([11], TIES, 10),
      [40, 10],
      'recommend only items with a score; never pad with unscored or seen items',
    ),
    sameAs<I>(
      'a history item without neighbours adds nothing',
      (f) => f.itemItemTopK([99, 1], NEIGHBOURS, 3),
      [2, 4, 3],
      'neighbours.get(j) is undefined for an item with no neighbours: skip it',
    ),
    sameAs<I>(
      'similarities add up over the history, not the best one only',
      (f) => f.itemItemTopK([10, 11], TIES, 1),
      [40],
      'score(i) = the SUM of neighbours.get(j).get(i) over the history (40: 0.1 + 0.35)',
    ),
  ],
};

export const exercises = [botChecks, splitChecks, metricChecks, knnChecks];
