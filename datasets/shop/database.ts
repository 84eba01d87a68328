/**
 * Writing the shop to SQLite, and a canonical digest of its rows. The digest (every row of every
 * table in rowid order, hashed) is what the determinism check compares: it does not depend on
 * SQLite's page layout.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ShopEvent, ShopItem, ShopUser } from './types';

/** No foreign key from events to items on purpose: the log keeps rows for deleted items. */
export const SCHEMA = `
CREATE TABLE users (user_id INTEGER PRIMARY KEY, username TEXT NOT NULL, signup_ts INTEGER NOT NULL);
CREATE TABLE items (item_id INTEGER PRIMARY KEY, title TEXT, genre TEXT, released TEXT NOT NULL, added_ts INTEGER NOT NULL, imdb_votes INTEGER);
CREATE TABLE events (user_id INTEGER NOT NULL, item_id INTEGER NOT NULL, event TEXT NOT NULL, ts INTEGER NOT NULL);
CREATE INDEX events_ts ON events (ts);
CREATE INDEX events_user ON events (user_id);
`;

export const TABLES = ['users', 'items', 'events'] as const;

/** Writes a fresh database at `file` (an existing file is replaced). */
export function writeShopDatabase(
  file: string,
  tables: { users: readonly ShopUser[]; items: readonly ShopItem[]; events: readonly ShopEvent[] },
): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = OFF');
    db.exec(SCHEMA);
    const insert = {
      users: db.prepare('INSERT INTO users VALUES (@user_id, @username, @signup_ts)'),
      items: db.prepare('INSERT INTO items VALUES (@item_id, @title, @genre, @released, @added_ts, @imdb_votes)'),
      events: db.prepare('INSERT INTO events VALUES (@user_id, @item_id, @event, @ts)'),
    };
    db.transaction(() => {
      for (const u of tables.users) insert.users.run(u);
      for (const it of tables.items) insert.items.run(it);
      for (const e of tables.events) insert.events.run(e);
    })();
  } finally {
    db.close();
  }
}

/**
 * SHA-256 over every row of every table, in rowid order, one JSON array per row.
 * @param file an SQLite file written by {@link writeShopDatabase}.
 * @returns hex digest and row counts per table.
 */
export function canonicalDigest(file: string): { sha256: string; rows: Record<(typeof TABLES)[number], number> } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hash = crypto.createHash('sha256');
    const rows = { users: 0, items: 0, events: 0 };
    for (const table of TABLES) {
      hash.update(`${table}\n`);
      for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().iterate()) {
        hash.update(`${JSON.stringify(row)}\n`);
        rows[table]++;
      }
    }
    return { sha256: hash.digest('hex'), rows };
  } finally {
    db.close();
  }
}
