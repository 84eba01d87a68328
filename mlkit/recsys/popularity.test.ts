import assert from 'node:assert/strict';
import { PopularityRecommender } from './popularity';

// Item 10: users 1, 2, 3; item 20: users 1, 2; item 30: user 3 (twice); item 40: user 4.
const data = [
  [1, 10],
  [2, 10],
  [3, 10],
  [1, 20],
  [2, 20],
  [3, 30],
  [3, 30],
  [4, 40],
].map(([user, item]) => ({ user: user, item: item }));

describe('PopularityRecommender', () => {
  const model = PopularityRecommender.fit(data);
  it('ranks items by distinct users, ties by lower item id', () => {
    assert.deepEqual(model.ranking(), [
      { item: 10, users: 3 },
      { item: 20, users: 2 },
      { item: 30, users: 1 },
      { item: 40, users: 1 },
    ]);
  });
  it('leaves out what the user has seen unless told not to', () => {
    assert.deepEqual(model.recommend(3, 2), [20, 40]);
    assert.deepEqual(model.recommend(3, 2, { excludeSeen: false }), [10, 20]);
  });
  it('gives an unknown user the plain top k, minus extra exclusions', () => {
    assert.deepEqual(model.recommend(99, 3, { exclude: new Set([20]) }), [10, 30, 40]);
  });
  it('returns a shorter list when k exceeds the catalogue', () => {
    assert.deepEqual(model.recommend(1, 10), [30, 40]);
  });
  it('survives a JSON round trip unchanged', () => {
    const back = PopularityRecommender.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const u of [1, 3, 99]) assert.deepEqual(back.recommend(u, 3), model.recommend(u, 3));
    assert.throws(() => PopularityRecommender.fromJSON({ kind: 'als' } as never), /not a popularity model/);
  });
});
