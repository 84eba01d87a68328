/** Instructor checks for lab 06: the edges of each part. Never copied to labs/. */
import { check, expectClose, expectEqual } from '../../../grading/harness';
import { month } from '../grader/mini-log';
import {
  artifact,
  call,
  expect200,
  expect400,
  expectedVerdict,
  gate,
  get,
  ITEM_ITEM,
  LOG,
  METRICS,
  modelThrough,
  QUERY,
  recommend,
  SPLIT,
  through,
} from '../grader/parts';
import type { LogEvent } from '../../../mlkit/recsys/types';

interface Split {
  train: LogEvent[];
  test: LogEvent[];
  coldUsers: number[];
  relevant: Record<string, number[]>;
}

/** Per test user, the April items they never touched before April: what the lesson calls relevant. */
function relevantInApril(): Map<number, number[]> {
  const before = LOG.filter((e) => e.ts < month(4));
  const april = LOG.filter((e) => e.ts >= month(4) && e.ts < month(5));
  const out = new Map<number, number[]>();
  for (const e of april) {
    if (before.some((b) => b.user_id === e.user_id && b.item_id === e.item_id)) continue;
    const items = out.get(e.user_id) ?? [];
    if (!items.includes(e.item_id)) items.push(e.item_id);
    out.set(e.user_id, items);
  }
  for (const items of out.values()) items.sort((a, b) => a - b);
  return out;
}

const COLD = [7, 41, 42];

describe('lab-06 instructor checks', () => {
  check(
    'an event at exactly the first millisecond of the test month is a test event',
    2,
    `${SPLIT}: train is ts < start, test is start ≤ ts`,
    async () => {
      const edge: LogEvent = { user_id: 5, item_id: 12, event: 'purchase', ts: month(4) };
      const split = (await call(SPLIT, 'splitByMonth', [...LOG, edge], '2010-03')) as Split;
      const isEdge = (e: LogEvent): boolean => e.ts === edge.ts && e.user_id === 5;
      expectEqual(split.train.some(isEdge), false, 'the boundary event (2010-04-01T00:00:00.000Z) in train');
      expectEqual(split.test.filter(isEdge).length, 1, 'the boundary event in test');
    },
  );
  check(
    'relevant: the new items of each returning user, never one they touched before',
    1,
    `${SPLIT}: splitByMonth(), relevant`,
    async () => {
      const split = (await call(SPLIT, 'splitByMonth', LOG, '2010-03')) as Split;
      const want = [...relevantInApril()].filter(([u]) => !COLD.includes(u));
      const got = want.map(([u]) => [u, split.relevant?.[String(u)] ?? null]);
      expectEqual(got, want, 'relevant of the returning users');
      const extra = Object.keys(split.relevant ?? {}).filter((u) => !relevantInApril().has(Number(u)));
      expectEqual(extra, [], 'users in relevant with nothing new in April');
    },
  );
  check(
    'relevant: a cold user is scored, with every item they touched',
    1,
    `${SPLIT}: splitByMonth(), cold users stay in the test`,
    async () => {
      const split = (await call(SPLIT, 'splitByMonth', LOG, '2010-03')) as Split;
      const want = relevantInApril();
      expectEqual(
        COLD.map((u) => split.relevant?.[String(u)] ?? null),
        COLD.map((u) => want.get(u)),
        'relevant of users 7, 41, 42',
      );
    },
  );
  check('recallAtK credits an item listed twice once', 1, `${METRICS}: recallAtK(), distinct items of the first k`, async () => {
    expectClose(await call(METRICS, 'recallAtK', [2, 2, 3], [2, 7, 8], 3), 1 / 3, 1e-12, 'recallAtK([2, 2, 3], [2, 7, 8], 3)');
  });
  check('recallAtK: nothing relevant is NaN; a short list; k = 1', 1, `${METRICS}: recallAtK(), the edges`, async () => {
    expectClose(await call(METRICS, 'recallAtK', [1, 2], [], 2), NaN, 0, 'recallAtK([1, 2], [], 2)');
    expectClose(await call(METRICS, 'recallAtK', [4], [4, 5], 2), 0.5, 1e-12, 'recallAtK([4], [4, 5], 2)');
    expectClose(await call(METRICS, 'recallAtK', [7, 4], [4], 1), 0, 0, 'recallAtK([7, 4], [4], 1)');
  });
  check(
    'ndcgAtK: a perfect top k is 1 even with more relevant items than k',
    1,
    `${METRICS}: ndcgAtK(), the ideal has min(k, |relevant|) hits`,
    async () => {
      expectClose(await call(METRICS, 'ndcgAtK', [1, 2], [1, 2, 3, 4, 5], 2), 1, 1e-12, 'ndcgAtK([1, 2], [1, 2, 3, 4, 5], 2)');
    },
  );
  check(
    'ndcgAtK: an item listed twice is credited once; nothing relevant is NaN',
    1,
    `${METRICS}: ndcgAtK(), repeats and the empty set`,
    async () => {
      expectClose(await call(METRICS, 'ndcgAtK', [1, 1], [1], 2), 1, 1e-12, 'ndcgAtK([1, 1], [1], 2)');
      expectClose(await call(METRICS, 'ndcgAtK', [1], [], 1), NaN, 0, 'ndcgAtK([1], [], 1)');
    },
  );
  check(
    'item–item never lists a seen or excluded item, even when popular items fill the list',
    2,
    `${ITEM_ITEM}: recommendItemItem(), the fill`,
    async () => {
      const model = await modelThrough(3);
      for (const user of [1, 8, 15, 22, 29, 36]) {
        const seen = new Set(
          through(3)
            .filter((e) => e.user_id === user)
            .map((e) => e.item_id),
        );
        const exclude = [30, 31];
        const { items } = await recommend(model, user, 100, exclude);
        const wrong = items.filter((i) => seen.has(i) || exclude.includes(i));
        if (wrong.length > 0 || new Set(items).size !== items.length)
          throw new Error(
            `recommendItemItem(model, ${user}, 100, [30, 31]) listed ${JSON.stringify(items)}: seen or excluded ${JSON.stringify(wrong)}, or a repeat`,
          );
        const catalogue = new Set(through(3).map((e) => e.item_id));
        expectEqual(
          items.length,
          [...catalogue].filter((i) => !seen.has(i) && !exclude.includes(i)).length,
          `how many items user ${user} gets with k = 100`,
        );
      }
    },
  );
  check('item–item: equal scores go to the lower item id', 1, `${ITEM_ITEM}: recommendItemItem(), the tie-break`, async () => {
    // Items 3 and 2 are each similar (1 / √2) to one item of user 9's history: a tie, met 3 first.
    const log: LogEvent[] = [
      { user_id: 1, item_id: 1, event: 'view', ts: month(1) + 1 },
      { user_id: 1, item_id: 3, event: 'view', ts: month(1) + 2 },
      { user_id: 2, item_id: 5, event: 'view', ts: month(1) + 3 },
      { user_id: 2, item_id: 2, event: 'view', ts: month(1) + 4 },
      { user_id: 9, item_id: 1, event: 'view', ts: month(1) + 5 },
      { user_id: 9, item_id: 5, event: 'view', ts: month(1) + 6 },
    ];
    const model = await call(ITEM_ITEM, 'fitItemItem', log);
    expectEqual((await recommend(model, 9, 2)).items, [2, 3], 'recommendItemItem(model, 9, 2).items');
  });
  check('k = 1 and k = 100 are answered', 2, `${QUERY}: parseUserQuery(), k from 1 to 100 inclusive`, async () => {
    expectEqual(expect200(await get('/recommendations?user=3&k=1'), 'GET /recommendations?user=3&k=1').items.length, 1, 'items for k=1');
    const all = expect200(await get('/recommendations?user=3&k=100'), 'GET /recommendations?user=3&k=100');
    if (all.items.length < 20 || all.items.length > 100)
      throw new Error(`k=100: expected every item user 3 has not seen, got ${all.items.length}`);
  });
  check(
    'k that is not plain digits → 400: "10abc", "1e1", " 5", "5.0", "", "-3"',
    2,
    `${QUERY}: parseUserQuery(), test the text before Number()`,
    async () => {
      for (const k of ['10abc', '1e1', '%205', '5.0', '', '-3', '0x5'])
        expect400(await get(`/recommendations?user=3&k=${k}`), `GET /recommendations?user=3&k=${k}`, 'k');
    },
  );
  check('a parameter given twice → 400 naming it, never a 500', 2, `${QUERY}: parseUserQuery(), params.getAll(name)`, async () => {
    expect400(await get('/recommendations?user=1&user=2'), 'GET /recommendations?user=1&user=2', 'user');
    expect400(await get('/recommendations?user=3&k=2&k=3'), 'GET /recommendations?user=3&k=2&k=3', 'k');
  });
  check(
    'a malformed user → 400 naming "user": "abc", "-1", "1.5", "", "1e3", " 3", "007"',
    1,
    `${QUERY}: parseUserQuery(), user ids`,
    async () => {
      for (const user of ['abc', '-1', '1.5', '', '1e3', '%203', '007'])
        expect400(await get(`/recommendations?user=${user}`), `GET /recommendations?user=${user}`, 'user');
    },
  );
  check('the gate ignores the metrics an artifact claims', 2, 'src/gate.ts: never read metadata.metrics', async () => {
    const [jan, mar] = [await modelThrough(1), await modelThrough(3)];
    // A January model presented as March's, claiming recall 0.99: weaker on April, refused.
    const boasting = await gate(artifact(mar, '2010-03', { recall: 0.5 }), artifact(jan, '2010-03', { recall: 0.99, 'recall@10': 0.99 }));
    expectEqual(boasting.promote, false, 'promote a weak candidate that claims recall 0.99');
    const modest = await gate(artifact(jan, '2010-01', { recall: 0.99 }), artifact(mar, '2010-03', { recall: 0.01, 'recall@10': 0.01 }));
    expectEqual(modest.promote, true, 'promote a better candidate that claims recall 0.01');
  });
  check(
    'the gate refuses a gain whose interval reaches below 0, though its estimate is above',
    2,
    'src/gate.ts: compare the lower bound, not the means',
    async () => {
      // The first pair of your models (and cut-off k) whose gain on the next month is above 0 but not measurably so.
      const pairs: [number, number, number][] = [
        [2, 3, 10],
        [2, 3, 5],
        [2, 3, 20],
        [1, 2, 10],
        [2, 3, 3],
        [1, 2, 5],
      ];
      for (const [from, to, k] of pairs) {
        const [old, next] = [await modelThrough(from), await modelThrough(to)];
        const want = await expectedVerdict(old, next, `2010-0${to}`, k);
        if (!(want.gain.estimate > 0 && want.gain.low <= 0)) continue;
        const got = await gate(artifact(old, `2010-0${from}`), artifact(next, `2010-0${to}`), k);
        const g = want.gain;
        const what = `promote, models through months ${from} and ${to}, k = ${k} (gain ${g.estimate.toFixed(3)}, 95 % interval [${g.low.toFixed(3)}, ${g.high.toFixed(3)}])`;
        expectEqual(got.promote, false, what);
        return;
      }
      throw new Error('none of your model pairs gains a little on the next month: check fitItemItem and userScores first');
    },
  );
});
