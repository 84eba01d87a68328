import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { buildShop, SHOP_FILE, type ShopSummary } from './build-shop';
import { cellNumber, datasheetTable } from './datasheet';

// Two full builds (a few seconds each), shared by every test below.
describe('shop build (full size)', function () {
  this.timeout(120_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-build-'));
  let a: ReturnType<typeof buildShop>, b: ReturnType<typeof buildShop>;
  let db: Database.Database;
  const one = (sql: string, ...params: unknown[]): number => Object.values(db.prepare(sql).get(...params) as object)[0] as number;

  before(() => {
    a = buildShop(path.join(root, 'a'));
    b = buildShop(path.join(root, 'b'));
    db = new Database(path.join(root, 'a', SHOP_FILE), { readonly: true });
  });
  after(() => {
    db?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('gives the same rows (canonical digest) and the same bytes in two builds', () => {
    assert.equal(a.summary.canonical_sha256, b.summary.canonical_sha256);
    assert.deepEqual(a, b);
    assert.ok(fs.readFileSync(path.join(root, 'a', SHOP_FILE)).equals(fs.readFileSync(path.join(root, 'b', SHOP_FILE))));
  });

  it('has the table sizes the datasheet states', () => {
    const tables = datasheetTable('table');
    for (const t of ['users', 'items', 'events'] as const) {
      assert.equal(cellNumber(tables.get(`\`${t}\``), 0), one(`SELECT COUNT(*) FROM ${t}`), t);
      assert.equal(a.summary.rows[t], one(`SELECT COUNT(*) FROM ${t}`), t);
    }
  });

  it('has the dirt the datasheet states, found with the datasheet’s own rules in SQL', () => {
    const dirt = datasheetTable('dirt');
    const { from, to } = { from: Date.parse(a.summary.window.from), to: Date.parse(a.summary.window.to) };
    const found = {
      'test accounts': [
        one("SELECT COUNT(*) FROM users WHERE lower(username) LIKE 'test%' OR lower(username) LIKE 'qa%'"),
        one(
          "SELECT COUNT(*) FROM events WHERE user_id IN (SELECT user_id FROM users WHERE lower(username) LIKE 'test%' OR lower(username) LIKE 'qa%')",
        ),
      ],
      bots: [
        one(
          'SELECT COUNT(DISTINCT user_id) FROM (SELECT user_id FROM events WHERE event = ? GROUP BY user_id, ts / 86400000 HAVING COUNT(*) > 100)',
          'view',
        ),
        one(
          'SELECT COUNT(*) FROM events WHERE user_id IN (SELECT user_id FROM events WHERE event = ? GROUP BY user_id, ts / 86400000 HAVING COUNT(*) > 100)',
          'view',
        ),
      ],
      'deleted items': [
        one('SELECT COUNT(DISTINCT item_id) FROM events WHERE item_id NOT IN (SELECT item_id FROM items)'),
        one('SELECT COUNT(*) FROM events WHERE item_id NOT IN (SELECT item_id FROM items)'),
      ],
      'skewed clocks': [
        one('SELECT COUNT(DISTINCT user_id) FROM events WHERE ts < ? OR ts >= ?', from, to),
        one('SELECT COUNT(*) FROM events WHERE ts < ? OR ts >= ?', from, to),
      ],
      duplicates: [null, one('SELECT SUM(n - 1) FROM (SELECT COUNT(*) n FROM events GROUP BY user_id, item_id, event, ts HAVING n > 1)')],
    };
    for (const [kind, [accounts, events]] of Object.entries(found)) {
      assert.equal(cellNumber(dirt.get(kind), 1), accounts, `${kind}: accounts/items`);
      assert.equal(cellNumber(dirt.get(kind), 2), events, `${kind}: events`);
    }
    const total = Object.values(found).reduce((s, [, n]) => s + (n as number), 0);
    assert.equal(cellNumber(dirt.get('all dirt'), 2), total);
    assert.equal(cellNumber(dirt.get('clean events'), 2), one('SELECT COUNT(*) FROM events') - total);
  });

  it('reports in the manifest summary what it planted', () => {
    const d: ShopSummary['dirt'] = a.summary.dirt;
    assert.equal(
      d.test_accounts.events + d.bots.events + d.deleted_items.events + d.skewed_clocks.events + d.duplicates.events,
      cellNumber(datasheetTable('dirt').get('all dirt'), 2),
    );
    assert.equal(d.skewed_clocks.before_window, one('SELECT COUNT(*) FROM events WHERE ts < ?', Date.parse(a.summary.window.from)));
  });

  it('keeps ordinary customers far below the bot line, and gives every dirty row one fault only', () => {
    const testers = "(SELECT user_id FROM users WHERE lower(username) LIKE 'test%' OR lower(username) LIKE 'qa%')";
    const bots = "(SELECT user_id FROM events WHERE event = 'view' GROUP BY user_id, ts / 86400000 HAVING COUNT(*) > 100)";
    const busiest = one(
      `SELECT MAX(n) FROM (SELECT COUNT(*) n FROM events WHERE event = 'view' AND user_id NOT IN ${bots} GROUP BY user_id, ts / 86400000)`,
    );
    assert.ok(busiest < 50, `a customer viewed ${busiest} items in one day`);
    assert.equal(
      one(
        `SELECT COUNT(*) FROM events WHERE user_id IN ${bots} AND (user_id IN ${testers} OR item_id NOT IN (SELECT item_id FROM items) OR ts < ? OR ts >= ?)`,
        Date.parse(a.summary.window.from),
        Date.parse(a.summary.window.to),
      ),
      0,
    );
    assert.equal(
      one(
        'SELECT COUNT(*) FROM events WHERE item_id NOT IN (SELECT item_id FROM items) AND (ts < ? OR ts >= ?)',
        Date.parse(a.summary.window.from),
        Date.parse(a.summary.window.to),
      ),
      0,
    );
  });

  it('has a catalogue that grows and customers who sign up during the year', () => {
    const from = Date.parse(a.summary.window.from),
      to = Date.parse(a.summary.window.to);
    assert.ok(one('SELECT COUNT(*) FROM items WHERE added_ts >= ? AND added_ts < ?', from, to) > 300);
    assert.ok(one('SELECT COUNT(*) FROM users WHERE signup_ts >= ?', from) > 800);
    assert.equal(
      one('SELECT COUNT(*) FROM events e JOIN items i USING (item_id) WHERE e.ts >= ? AND e.ts < ? AND e.ts < i.added_ts', from, to),
      0,
      'an event before its item was on sale',
    );
  });
});
