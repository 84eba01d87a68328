import assert from 'node:assert/strict';
import { cellNumber, datasheetTable } from '../../datasets/shop/datasheet';
import { cleanEventLog } from './clean-log';
import { testShop } from './test-helpers';
import type { LogEvent } from './types';

const ev = (user_id: number, item_id: number, ts: number, event: LogEvent['event'] = 'view'): LogEvent => ({ user_id, item_id, event, ts });

describe('cleanEventLog', function () {
  this.timeout(120_000);

  it('removes each kind of dirt from a hand-made log and counts it', () => {
    const day = 86_400_000,
      from = 10 * day,
      to = 20 * day;
    const crawl = Array.from({ length: 101 }, (_, i) => ev(3, 1, from + i * 1000));
    const log = [
      ev(1, 1, from),
      ev(1, 1, from),
      ev(1, 2, from + 5, 'cart'),
      ev(2, 1, from + 9),
      ev(1, 99, from + 7),
      ev(1, 2, 5),
      ev(1, 2, to),
      ...crawl,
    ];
    const users = [
      { user_id: 1, username: 'u1' },
      { user_id: 2, username: 'QA_smoke' },
      { user_id: 3, username: 'u3' },
    ];
    const { events, report } = cleanEventLog(log, users, new Set([1, 2]), { from, to });
    assert.deepEqual(events, [ev(1, 1, from), ev(1, 2, from + 5, 'cart')]);
    assert.deepEqual(report, {
      test_accounts: { users: 1, events: 1 },
      bots: { users: 1, events: 101 },
      deleted_items: { events: 1 },
      skewed_clocks: { events: 2, before_window: 1, after_window: 1 },
      duplicates: { events: 1 },
      kept: 2,
    });
  });

  it('finds on the shop exactly the dirt DATASHEET.md states', () => {
    const { report } = testShop();
    const dirt = datasheetTable('dirt');
    assert.equal(report.test_accounts.users, cellNumber(dirt.get('test accounts'), 1));
    assert.equal(report.test_accounts.events, cellNumber(dirt.get('test accounts'), 2));
    assert.equal(report.bots.users, cellNumber(dirt.get('bots'), 1));
    assert.equal(report.bots.events, cellNumber(dirt.get('bots'), 2));
    assert.equal(report.deleted_items.events, cellNumber(dirt.get('deleted items'), 2));
    assert.equal(report.skewed_clocks.events, cellNumber(dirt.get('skewed clocks'), 2));
    assert.equal(report.duplicates.events, cellNumber(dirt.get('duplicates'), 2));
    assert.equal(report.kept, cellNumber(dirt.get('clean events'), 2));
  });
});
