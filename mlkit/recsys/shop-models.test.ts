import assert from 'node:assert/strict';
import { AlsRecommender } from './als';
import { evaluateRecommender, type RankingReport } from './evaluate';
import { seenItems, toInteractions } from './interactions';
import { ItemKnnRecommender } from './item-knn';
import { PopularityRecommender } from './popularity';
import { inWindow } from './split';
import { monthStart, testShop } from './test-helpers';
import type { Interaction, Recommender } from './types';

// Measured on the seeded shop (recall@10 on June, 844 users; see bench/results/recsys.md):
//   trained on         popularity  item–item  ALS
//   January only       0.022       0.027      0.037
//   May only           0.035       0.041      0.068
//   January–May        0.031       0.084      0.102
// The assertions below keep a margin under each measured gap.
describe('recommenders on the simulated shop (test month: June)', function () {
  this.timeout(180_000);
  let june: Interaction[], history: Map<number, Set<number>>, catalogueSize: number;
  let score: (model: Recommender) => RankingReport;
  const trainOn = (fromMonth: number, toMonth: number): Interaction[] =>
    toInteractions(inWindow(testShop().events, monthStart(testShop(), fromMonth), monthStart(testShop(), toMonth)));

  before(() => {
    const shop = testShop();
    june = toInteractions(inWindow(shop.events, monthStart(shop, 5), monthStart(shop, 6)));
    history = seenItems(trainOn(0, 5));
    catalogueSize = shop.itemIds.size;
    score = (model) => evaluateRecommender(model, june, history, { k: 10, catalogueSize });
  });

  describe('drift: why retrain monthly', () => {
    let frozen: RankingReport;
    before(() => {
      frozen = score(ItemKnnRecommender.fit(trainOn(0, 1)));
    });

    it('an item–item model trained on January is far worse on June than one retrained on January–May', () => {
      const retrained = score(ItemKnnRecommender.fit(trainOn(0, 5)));
      assert.ok(
        retrained.recall - frozen.recall > 0.03,
        `recall@10 frozen ${frozen.recall.toFixed(4)}, retrained ${retrained.recall.toFixed(4)}`,
      );
      assert.ok(retrained.ndcg > frozen.ndcg, 'NDCG@10 should agree');
    });
    it('is worse even than one trained on May alone, with as little data: fresh data matters, not only more', () => {
      const may = score(ItemKnnRecommender.fit(trainOn(4, 5)));
      assert.ok(may.recall - frozen.recall > 0.005, `recall@10 January ${frozen.recall.toFixed(4)}, May ${may.recall.toFixed(4)}`);
    });
  });

  describe('model order, trained on January–May', () => {
    let pop: RankingReport, knn: RankingReport, als: RankingReport;
    before(() => {
      const train = trainOn(0, 5);
      pop = score(PopularityRecommender.fit(train));
      knn = score(ItemKnnRecommender.fit(train));
      als = score(AlsRecommender.fit(train));
    });
    it('scores every June user with a new item, the same users for every model', () => {
      assert.ok(pop.users > 700);
      assert.equal(knn.users, pop.users);
      assert.equal(als.users, pop.users);
    });
    it('puts item–item well above popularity', () => {
      assert.ok(knn.recall - pop.recall > 0.03, `recall@10 popularity ${pop.recall.toFixed(4)}, item–item ${knn.recall.toFixed(4)}`);
      assert.ok(knn.ndcg > pop.ndcg && knn.map > pop.map);
    });
    it('puts ALS above item–item', () => {
      assert.ok(als.recall - knn.recall > 0.005, `recall@10 item–item ${knn.recall.toFixed(4)}, ALS ${als.recall.toFixed(4)}`);
      assert.ok(als.ndcg > knn.ndcg);
    });
    it('shows popularity covering almost none of the catalogue and item–item the most', () => {
      assert.ok(pop.coverage < 0.02 && knn.coverage > als.coverage && als.coverage > pop.coverage);
    });
  });
});
