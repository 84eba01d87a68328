import assert from 'node:assert/strict';
import { buildMatrix, seenItems, toInteractions } from './interactions';

describe('interactions', () => {
  it('weights events by type: view 1, cart 3, purchase 5', () => {
    const x = toInteractions([
      { user_id: 1, item_id: 2, event: 'purchase', ts: 0 },
      { user_id: 1, item_id: 2, event: 'view', ts: 1 },
    ]);
    assert.deepEqual(x, [
      { user: 1, item: 2, weight: 5 },
      { user: 1, item: 2, weight: 1 },
    ]);
  });
  it('builds id-ordered indexes and sums repeated pairs', () => {
    const m = buildMatrix([
      { user: 9, item: 30, weight: 2 },
      { user: 4, item: 10 },
      { user: 9, item: 10 },
      { user: 9, item: 30, weight: 3 },
    ]);
    assert.deepEqual(m.users, [4, 9]);
    assert.deepEqual(m.items, [10, 30]);
    assert.deepEqual(
      m.rows.map((r) => Array.from(r)),
      [[0], [0, 1]],
    );
    assert.deepEqual(
      m.weights.map((w) => Array.from(w)),
      [[1], [1, 5]],
    );
  });
  it('refuses non-integer ids and negative weights', () => {
    assert.throws(() => buildMatrix([{ user: 1.5, item: 1 }]), /integer ids/);
    assert.throws(() => buildMatrix([{ user: 1, item: 1, weight: -1 }]), /weight/);
  });
  it('lists what each user has seen', () => {
    assert.deepEqual(
      seenItems([
        { user: 1, item: 2 },
        { user: 1, item: 3 },
        { user: 1, item: 2 },
      ]),
      new Map([[1, new Set([2, 3])]]),
    );
  });
});
