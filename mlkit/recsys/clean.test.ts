import assert from 'node:assert/strict';
import { dropDuplicates, dropOutsideWindow, dropUnknownItems, dropUsers, findBots, testAccounts } from './clean';
import type { LogEvent } from './types';

const ev = (user_id: number, item_id: number, ts: number, event: LogEvent['event'] = 'view'): LogEvent => ({ user_id, item_id, event, ts });
const DAY = 86_400_000;

describe('cleaning rules', () => {
  it('marks test accounts by a username starting with test or qa, any case', () => {
    const users = ['test_checkout_01', 'QA-payments', 'qa+load', 'u0test', 'Tester', 'aqua'].map((username, i) => ({
      user_id: i,
      username,
    }));
    assert.deepEqual([...testAccounts(users)], [0, 1, 2, 4]);
  });
  it('flags a user with more than maxViewsPerDay views in one UTC day, not spread over two', () => {
    const burst = Array.from({ length: 6 }, (_, i) => ev(1, i, 5 * DAY + i));
    const spread = Array.from({ length: 6 }, (_, i) => ev(2, i, 5 * DAY - 3 + i)); // 3 before midnight, 3 after
    const carts = Array.from({ length: 6 }, (_, i) => ev(3, i, 5 * DAY + i, 'cart'));
    assert.deepEqual([...findBots([...burst, ...spread, ...carts], 5)], [1]);
  });
  it('drops users, unknown items and out-of-window rows, counting each', () => {
    const rows = [ev(1, 1, 10), ev(2, 1, 11), ev(1, 7, 12), ev(1, 1, 2), ev(1, 1, 30)];
    assert.equal(dropUsers(rows, new Set([2])).removed, 1);
    assert.deepEqual(
      dropUnknownItems(rows, new Set([1])).kept.map((e) => e.item_id),
      [1, 1, 1, 1],
    );
    const w = dropOutsideWindow(rows, 5, 30);
    assert.deepEqual([w.removed, w.before, w.after], [2, 1, 1]);
  });
  it('drops only exact repeats, keeping the first', () => {
    const rows = [ev(1, 1, 10), ev(1, 1, 10), ev(1, 1, 10, 'cart'), ev(1, 1, 11), ev(1, 1, 10)];
    const d = dropDuplicates(rows);
    assert.equal(d.removed, 2);
    assert.deepEqual(d.kept, [ev(1, 1, 10), ev(1, 1, 10, 'cart'), ev(1, 1, 11)]);
  });
});
