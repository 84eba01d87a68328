import assert from 'node:assert/strict';
import { AlsRecommender } from './als';
import { solveSide } from './als-solve';

const pairs = (rows: [number, number][]): { user: number; item: number }[] => rows.map(([user, item]) => ({ user, item }));
// Two taste groups that never meet: users 1–4 use items 1–3, users 5–8 use items 4–6; each
// user misses one item of their group.
const blocks = pairs([
  [1, 1],
  [1, 2],
  [2, 2],
  [2, 3],
  [3, 1],
  [3, 3],
  [4, 1],
  [4, 2],
  [5, 4],
  [5, 5],
  [6, 5],
  [6, 6],
  [7, 4],
  [7, 6],
  [8, 4],
  [8, 5],
]);

describe('AlsRecommender (implicit ALS)', () => {
  it('solves one user exactly: with f = 1 and item factors y, x = Σ c·y / (Σ y² + Σ (c − 1) y² + λ)', () => {
    const y = Float64Array.from([1, 2, -1]),
      x = new Float64Array(1);
    // The user touched items 0 and 2 with confidence 3 and 1.5.
    solveSide(x, y, [Int32Array.from([0, 2])], [Float64Array.from([3, 1.5])], 3, 1, 0.5);
    const expected = (3 * 1 + 1.5 * -1) / (1 + 4 + 1 + 2 * 1 + 0.5 * 1 + 0.5);
    assert.ok(Math.abs(x[0] - expected) < 1e-15, `${x[0]} vs ${expected}`);
  });
  it('never increases the loss from one half-step to the next', () => {
    const losses: number[] = [];
    AlsRecommender.fit(blocks, { factors: 3, iterations: 6, alpha: 4 }, (loss) => losses.push(loss()));
    assert.equal(losses.length, 12);
    for (let i = 1; i < losses.length; i++)
      assert.ok(losses[i] <= losses[i - 1] + 1e-9, `loss rose at half-step ${i}: ${losses[i - 1]} → ${losses[i]}`);
  });
  it('recommends the missing item of the user’s own group first', () => {
    const model = AlsRecommender.fit(blocks, { factors: 2, iterations: 15, alpha: 4 });
    const missing: Record<number, number> = { 1: 3, 2: 1, 3: 2, 4: 3, 5: 6, 6: 4, 7: 5, 8: 6 };
    for (const [user, item] of Object.entries(missing)) assert.equal(model.recommend(Number(user), 1)[0], item, `user ${user}`);
  });
  it('is deterministic for a seed and different for another', () => {
    const a = AlsRecommender.fit(blocks, { factors: 2, iterations: 3, seed: 1 }).toJSON();
    assert.deepEqual(AlsRecommender.fit(blocks, { factors: 2, iterations: 3, seed: 1 }).toJSON(), a);
    assert.notDeepEqual(AlsRecommender.fit(blocks, { factors: 2, iterations: 3, seed: 2 }).toJSON().userFactors, a.userFactors);
  });
  it('falls back to popularity for a user it has not seen', () => {
    const model = AlsRecommender.fit(
      [
        ...blocks,
        ...pairs([
          [9, 6],
          [10, 6],
        ]),
      ],
      { factors: 2, iterations: 2 },
    );
    assert.equal(model.recommend(99, 1)[0], 6);
  });
  it('refuses bad options', () => {
    assert.throws(() => AlsRecommender.fit(blocks, { factors: 0 }), /factors/);
    assert.throws(() => AlsRecommender.fit(blocks, { regularization: 0 }), /regularization/);
  });
  it('survives a JSON round trip unchanged', () => {
    const model = AlsRecommender.fit(blocks, { factors: 2, iterations: 4 });
    const back = AlsRecommender.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const u of [1, 5, 99]) assert.deepEqual(back.recommend(u, 3), model.recommend(u, 3));
  });
});
