import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seenItems, toInteractions } from '../../mlkit/recsys/interactions';
import { ItemKnnRecommender } from '../../mlkit/recsys/item-knn';
import { perUserScores } from '../../mlkit/recsys/per-user';
import { inWindow } from '../../mlkit/recsys/split';
import { monthStart, testShop } from '../../mlkit/recsys/test-helpers';
import { exportSplit, type PeerResult, peerRecsPython, runPeer } from './peer';

describe('the Python item-kNN peer, on the shop (train January–May, test June)', function () {
  this.timeout(300_000);
  let peer: PeerResult, dir: string;
  let ours: ReturnType<typeof perUserScores>, lists: number[][];

  before(function () {
    const found = peerRecsPython();
    if ('error' in found) {
      if (process.env.CI === 'true') throw new Error(found.error);
      console.log(`    pending: ${found.error}`);
      this.skip();
    }
    const shop = testShop();
    const train = toInteractions(inWindow(shop.events, monthStart(shop, 0), monthStart(shop, 5)));
    const test = toInteractions(inWindow(shop.events, monthStart(shop, 5), monthStart(shop, 6)));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peer-recs-'));
    exportSplit(dir, train, test);
    peer = runPeer(found.python, dir);
    const model = ItemKnnRecommender.fit(train);
    const history = seenItems(train);
    ours = perUserScores(model, test, history);
    lists = ours.users.map((u) => model.recommend(u, 10, { exclude: history.get(u) }));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('scores the same users', () => {
    assert.deepEqual(peer.users, ours.users);
  });
  it('recommends what the toolkit does for almost every user (only near-ties in floating point may differ)', () => {
    const same = lists.filter((l, i) => JSON.stringify(l) === JSON.stringify(peer.lists[i])).length;
    assert.ok(same / lists.length > 0.97, `${same} of ${lists.length} lists identical`);
  });
  it("agrees on recall@10 and NDCG@10 computed by each side's own metric code", () => {
    const mean = (v: ArrayLike<number>): number => Array.from(v).reduce((s, x) => s + x, 0) / v.length;
    assert.ok(Math.abs(mean(peer.recall) - mean(ours.recall)) < 0.002, `peer ${mean(peer.recall)}, toolkit ${mean(ours.recall)}`);
    assert.ok(Math.abs(mean(peer.ndcg) - mean(ours.ndcg)) < 0.002, `peer ${mean(peer.ndcg)}, toolkit ${mean(ours.ndcg)}`);
  });
});
