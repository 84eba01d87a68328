import assert from 'node:assert/strict';
import { ItemKnnRecommender } from './item-knn';

const pairs = (rows: [number, number][]): { user: number; item: number }[] => rows.map(([user, item]) => ({ user, item }));

describe('ItemKnnRecommender', () => {
  // Users 1–3 touch items 1 and 2 together; item 3 only with item 1 (user 4); item 9 is popular
  // on its own (users 5–8).
  const data = pairs([
    [1, 1],
    [1, 2],
    [2, 1],
    [2, 2],
    [3, 1],
    [3, 2],
    [4, 1],
    [4, 3],
    [5, 9],
    [6, 9],
    [7, 9],
    [8, 9],
  ]);
  const model = ItemKnnRecommender.fit(data);

  it('scores by cosine similarity to the history: |U_i ∩ U_j| / sqrt(|U_i| |U_j|)', () => {
    // A new user with only item 2: sim(2,1) = 3/sqrt(3·4) ≈ 0.866, sim(2,3) = 0 (not a neighbour).
    const m = ItemKnnRecommender.fit([...data, { user: 10, item: 2 }]);
    assert.deepEqual(m.recommend(10, 1), [1]);
  });
  it('ranks the co-occurring item above the merely popular one', () => {
    // User 4 has items 1 and 3: item 2 is similar to 1 (3/sqrt(4·3)); item 9 shares no user.
    assert.deepEqual(model.recommend(4, 2), [2, 9]);
  });
  it('fills the list from popularity when similarities run out, and never repeats an item', () => {
    const list = model.recommend(5, 4);
    assert.equal(list[0], 1);
    assert.equal(new Set(list).size, list.length);
    assert.ok(!list.includes(9), 'seen item recommended');
  });
  it('keeps seen items when excludeSeen is false and drops extra exclusions', () => {
    assert.ok(model.recommend(4, 4, { excludeSeen: false }).includes(1));
    assert.ok(!model.recommend(4, 4, { exclude: new Set([2]) }).includes(2));
  });
  it('bounds neighbours per item', () => {
    const m = ItemKnnRecommender.fit(data, { neighbours: 1 });
    const json = m.toJSON();
    assert.ok(json.neighbours.every((n) => n.length <= 1));
  });
  it('survives a JSON round trip unchanged', () => {
    const back = ItemKnnRecommender.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const u of [1, 4, 5, 42]) assert.deepEqual(back.recommend(u, 3), model.recommend(u, 3));
  });
});
