import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkEventRow, openShop, readEvents, readItems, readUsers } from './extract';

describe('reading the event log with SQL', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recsys-extract-'));
  const file = path.join(dir, 'shop.sqlite');
  before(() => {
    const db = new Database(file);
    db.exec(`CREATE TABLE users (user_id INTEGER PRIMARY KEY, username TEXT, signup_ts INTEGER);
      CREATE TABLE items (item_id INTEGER PRIMARY KEY, title TEXT, genre TEXT, released TEXT, added_ts INTEGER, imdb_votes INTEGER);
      CREATE TABLE events (user_id INTEGER, item_id INTEGER, event TEXT, ts INTEGER);
      INSERT INTO users VALUES (1, 'u1', 0); INSERT INTO items VALUES (5, 'Film', NULL, '2000-01-01', 0, NULL);
      INSERT INTO events VALUES (1, 5, 'view', 100), (1, 5, 'purchase', 50), (1, 5, 'cart', 200), (2, 5, 'view', 300);`);
    db.close();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('returns events in log order, filtered by a time window and event types', () => {
    const db = openShop(file);
    assert.deepEqual(
      readEvents(db).map((e) => e.ts),
      [100, 50, 200, 300],
    );
    assert.deepEqual(
      readEvents(db, { from: 60, to: 300 }).map((e) => e.ts),
      [100, 200],
    );
    assert.deepEqual(
      readEvents(db, { events: ['purchase', 'cart'] }).map((e) => e.event),
      ['purchase', 'cart'],
    );
    assert.deepEqual(readUsers(db), [{ user_id: 1, username: 'u1', signup_ts: 0 }]);
    assert.equal(readItems(db)[0]?.genre, null);
    db.close();
  });
  it('binds values as parameters, so a hostile event name is data, not SQL', () => {
    const db = openShop(file);
    assert.deepEqual(readEvents(db, { events: ["view') OR 1=1 --" as never] }), []);
    db.close();
  });
  it('refuses a malformed row, naming it and the field', () => {
    assert.throws(
      () => checkEventRow({ user_id: 1, item_id: 2, event: 'click', ts: 3 }, 'events rowid 9'),
      /events rowid 9: event must be one of view, cart, purchase, got "click"/,
    );
    assert.throws(() => checkEventRow({ user_id: 1, item_id: null, event: 'view', ts: 3 }, 'row'), /item_id must be an integer, got null/);
    assert.throws(() => checkEventRow({ user_id: 1, item_id: 2, event: 'view', ts: '2010-01-01' }, 'row'), /ts must be an integer/);
  });
  it('refuses a database that does not exist', () => {
    assert.throws(() => openShop(path.join(dir, 'missing.sqlite')));
  });
});
