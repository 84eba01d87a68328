/** Public checks for lab 06: run them with `npm run check -- lab-06`. */
import { check, expectClose, expectEqual } from '../../../grading/harness';
import { month } from './mini-log';
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
  recommend,
  SPLIT,
  through,
  toolkitList,
} from './parts';

interface Split {
  train: unknown[];
  test: unknown[];
  testMonth: string;
  coldUsers: number[];
  newItems: number[];
}

describe('lab-06 public checks', () => {
  check('splitByMonth: train before March, test = March, in log order', 2, `${SPLIT}: splitByMonth(), the two windows`, async () => {
    const split = (await call(SPLIT, 'splitByMonth', LOG, '2010-02')) as Split;
    expectEqual(split.testMonth, '2010-03', 'testMonth');
    expectEqual(
      split.train,
      LOG.filter((e) => e.ts < month(3)),
      `train (expected ${LOG.filter((e) => e.ts < month(3)).length} events)`,
    );
    expectEqual(
      split.test,
      LOG.filter((e) => e.ts >= month(3) && e.ts < month(4)),
      `test (expected the March events only, in log order)`,
    );
  });
  check('splitByMonth: the cold users and new items of April', 2, `${SPLIT}: splitByMonth(), coldUsers and newItems`, async () => {
    const split = (await call(SPLIT, 'splitByMonth', LOG, '2010-03')) as Split;
    expectEqual(split.coldUsers, [7, 41, 42], 'coldUsers (distinct, ascending)');
    expectEqual(split.newItems, [31], 'newItems');
  });
  check('recallAtK: 2 of 3 relevant items in the first 5', 1, `${METRICS}: recallAtK()`, async () => {
    expectClose(await call(METRICS, 'recallAtK', [1, 2, 3, 4, 5], [2, 5, 9], 5), 2 / 3, 1e-12, 'recallAtK([1, 2, 3, 4, 5], [2, 5, 9], 5)');
  });
  check('ndcgAtK: hits at ranks 2 and 3', 2, `${METRICS}: ndcgAtK(), the 1 / log2(rank + 1) discount`, async () => {
    const want = (1 / Math.log2(3) + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3));
    expectClose(await call(METRICS, 'ndcgAtK', [5, 1, 2], [1, 2], 3), want, 1e-12, 'ndcgAtK([5, 1, 2], [1, 2], 3)');
  });
  check(
    "item–item: the toolkit's lists on the mini-log (January–March)",
    3,
    `${ITEM_ITEM}: fitItemItem() and recommendItemItem()`,
    async () => {
      const model = await modelThrough(3);
      for (const user of [1, 2, 3, 4, 5, 6]) {
        const got = await recommend(model, user, 10);
        expectEqual(got.items, toolkitList(through(3), user, 10), `recommendItemItem(model, ${user}, 10).items`);
      }
    },
  );
  check(
    'GET /recommendations?user=3&k=5 → 200 with the user, your 5 items and the model',
    2,
    'src/app.ts: recommendationsRoute()',
    async () => {
      const body = expect200(await get('/recommendations?user=3&k=5'), 'GET /recommendations?user=3&k=5');
      const want = await recommend(await modelThrough(3), 3, 5);
      expectEqual(
        { user: body.user, items: body.items, fallback: body.fallback, model: body.model },
        { user: 3, items: want.items, fallback: null, model: { name: 'recs', version: '2010.3.0' } },
        'the answer',
      );
    },
  );
  check(
    'a user who first shops in April gets the popular items, flagged',
    2,
    `${ITEM_ITEM}: recommendItemItem(), a user without history`,
    async () => {
      const body = expect200(await get('/recommendations?user=41'), 'GET /recommendations?user=41');
      if (body.fallback !== 'popularity' || body.items.length !== 10)
        throw new Error(`expected 10 items with "fallback": "popularity", got ${JSON.stringify(body).slice(0, 200)}`);
    },
  );
  check('missing user, k=0 and k=101 → 400 naming the field', 2, 'src/query.ts: parseUserQuery()', async () => {
    expect400(await get('/recommendations?k=5'), 'GET /recommendations?k=5', 'user');
    expect400(await get('/recommendations?user=3&k=0'), 'GET /recommendations?user=3&k=0', 'k');
    expect400(await get('/recommendations?user=3&k=101'), 'GET /recommendations?user=3&k=101', 'k');
  });
  check('the gate promotes a March model over a January one, with the numbers of the rule', 2, 'src/gate.ts: gateCandidate()', async () => {
    const [jan, mar] = [await modelThrough(1), await modelThrough(3)];
    const got = await gate(artifact(jan, '2010-01'), artifact(mar, '2010-03'));
    const want = await expectedVerdict(jan, mar, '2010-03');
    expectEqual(got.month, '2010-04', 'verdict.month (the month after the candidate’s training data)');
    expectEqual(got.users, want.users, 'verdict.users');
    expectClose(got.current, want.current, 1e-9, 'verdict.current (mean recall@10)');
    expectClose(got.candidate, want.candidate, 1e-9, 'verdict.candidate');
    for (const key of ['estimate', 'low', 'high'] as const) expectClose(got.gain[key], want.gain[key], 1e-9, `verdict.gain.${key}`);
    expectEqual(got.promote, true, 'verdict.promote');
  });
  check(
    'the gate refuses a copy of the serving model (gain 0, interval [0, 0])',
    2,
    'src/gate.ts: promote only when gain.low > 0',
    async () => {
      const mar = await modelThrough(3);
      const got = await gate(artifact(mar, '2010-03'), artifact(mar, '2010-03'));
      expectEqual([got.gain.estimate, got.gain.low, got.gain.high], [0, 0, 0], 'verdict.gain');
      expectEqual(got.promote, false, 'verdict.promote');
    },
  );
});
