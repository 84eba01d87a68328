import assert from 'node:assert/strict';
import { AlsRecommender, ItemKnnRecommender, PopularityRecommender, seenItems } from '../../mlkit/recsys';
import { MAX_K, ServedRecommender } from './served-model';
import { fixtureInteractions } from './testing';

describe('ServedRecommender', () => {
  const interactions = fixtureInteractions();
  const seen = seenItems(interactions);

  describe('over an ALS model', () => {
    const model = AlsRecommender.fit(interactions, { factors: 4, iterations: 5 });
    const served = new ServedRecommender(model, { '1': 'Film 1' });

    it("answers the toolkit's ranking with the model's own scores for a known user", () => {
      const answer = served.recommend(7, 5);
      assert.equal(answer.fallback, null);
      assert.deepEqual(
        answer.items.map((i) => i.item),
        model.recommend(7, 5),
      );
      const all = model.scores(7) as Float64Array;
      const index = model.toJSON().items;
      for (const i of answer.items) assert.equal(i.score, all[index.indexOf(i.item)]);
    });

    it('holds at most MAX_K items per user, and never more than the unseen items', () => {
      assert.equal(served.recommend(7, MAX_K).items.length, 40 - (seen.get(7) as Set<number>).size);
    });

    it('falls back to popularity for an unknown user, with titles where the catalogue has them', () => {
      const answer = served.recommend(12345, 40);
      assert.equal(answer.fallback, 'popularity');
      assert.equal(answer.items.length, 40);
      assert.equal(answer.items.find((i) => i.item === 1)?.title, 'Film 1');
      assert.equal(answer.items.find((i) => i.item === 2)?.title, null);
    });

    it('knows every training user and their history', () => {
      assert.equal(served.knownUsers, 30);
      assert.deepEqual(
        served.historyOf(7),
        [...(seen.get(7) as Set<number>)].sort((a, b) => a - b),
      );
      assert.deepEqual(served.historyOf(12345), []);
    });
  });

  describe('over a popularity model', () => {
    it("leaves a known user's items out without calling it a fallback", () => {
      const served = new ServedRecommender(PopularityRecommender.fit(interactions));
      const answer = served.recommend(7, 10);
      assert.equal(answer.fallback, null);
      for (const i of answer.items) assert.ok(!(seen.get(7) as Set<number>).has(i.item));
      assert.ok(answer.items.every((i) => i.score > 0 && i.score <= 1));
    });
  });

  it('refuses a kind that gives no score per item, naming the kinds it serves', () => {
    assert.throws(() => new ServedRecommender(ItemKnnRecommender.fit(interactions)), /serves "als" and "popularity".*"item-knn"/);
  });
});
