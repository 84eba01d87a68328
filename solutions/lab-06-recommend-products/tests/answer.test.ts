import assert from 'node:assert/strict';
import { ItemKnnRecommender } from '../../../mlkit/recsys/item-knn';
import { toInteractions } from '../../../mlkit/recsys/interactions';
import { timeSplit } from '../../../mlkit/recsys/split';
import { miniLog, month } from '../grader/mini-log';
import { gateCandidate, type RecsArtifact } from '../src/gate';
import { fitItemItem, recommendItemItem } from '../src/item-item';
import { parseUserQuery } from '../src/query';
import { splitByMonth } from '../src/split';

const LOG = miniLog();
const through = (m: number) => LOG.filter((e) => e.ts < month(m + 1));
const artifact = (m: number, trained_through = `2010-0${m}`): RecsArtifact => ({
  model: fitItemItem(through(m)),
  metadata: { version: `2010.${m}.0`, trained_through },
});

describe("lab 06's checks data (the mini-log)", () => {
  it('is the same log on every call', () => {
    assert.deepEqual(miniLog(), LOG);
  });
  it('has no event at a month’s first millisecond, so only the boundary check puts one there', () => {
    assert.ok(LOG.every((e) => ![1, 2, 3, 4, 5, 6].some((m) => e.ts === month(m))));
  });
  it('brings users 41 and 42 and item 31 in April only', () => {
    const firstMonth = (pred: (e: (typeof LOG)[number]) => boolean) =>
      Math.min(...LOG.filter(pred).map((e) => new Date(e.ts).getUTCMonth() + 1));
    assert.equal(
      firstMonth((e) => e.user_id === 41),
      4,
    );
    assert.equal(
      firstMonth((e) => e.user_id === 42),
      4,
    );
    assert.equal(
      firstMonth((e) => e.item_id === 31),
      4,
    );
  });
});

describe("lab 06's answer (the reference in solutions/, yours in labs/)", () => {
  it("splits as the toolkit's timeSplit does, test month included", () => {
    const split = splitByMonth(LOG, '2010-03');
    const toolkit = timeSplit(LOG, month(4));
    assert.deepEqual([split.train, split.test, split.testMonth], [toolkit.train, toolkit.test, '2010-04']);
  });
  it('refuses a month not written YYYY-MM', () => {
    assert.throws(() => splitByMonth(LOG, '2010-3'), /YYYY-MM/);
  });
  it("gives the toolkit's item–item list to every user of the log", () => {
    const model = fitItemItem(through(3));
    const toolkit = ItemKnnRecommender.fit(toInteractions(through(3)), { neighbours: 20 });
    for (let user = 1; user <= 42; user++)
      assert.deepEqual(recommendItemItem(model, user, 10).items, toolkit.recommend(user, 10), `user ${user}`);
  });
  it('promotes March over January, refuses a copy, and refuses February → March whose gain is not measurable', () => {
    const [jan, feb, mar] = [artifact(1), artifact(2), artifact(3)];
    assert.equal(gateCandidate(LOG, jan, mar).promote, true);
    assert.deepEqual(gateCandidate(LOG, mar, mar).gain, { estimate: 0, low: 0, high: 0 });
    const close = gateCandidate(LOG, feb, mar);
    assert.ok(close.gain.estimate > 0 && close.gain.low <= 0 && !close.promote, JSON.stringify(close.gain));
  });
  it('reads k as plain digits from 1 to 100 and refuses a repeated user', () => {
    assert.deepEqual(parseUserQuery('user=0&k=100', ['user', 'k']), { user: 0, k: 100 });
    for (const q of ['user=1&k=1e1', 'user=1&k=%205', 'user=1&user=2', 'k=5', 'user=01'])
      assert.throws(
        () => parseUserQuery(q, ['user', 'k']),
        (e: { status?: number }) => e.status === 400,
        q,
      );
  });
});
