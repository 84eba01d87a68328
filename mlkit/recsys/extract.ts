/**
 * Step 1 of the recommender: getting interactions out of the shop's SQLite event log with SQL.
 * Every value reaches SQLite as a bound parameter, never pasted into the query text.
 * Rows that break the log's contract (unknown event type, non-integer id or timestamp) are
 * refused with an error naming the row: they mean a broken export, not dirt to clean.
 */
import Database from 'better-sqlite3';
import { EVENT_TYPES, type EventType, type LogEvent } from './types';

export interface UserRow {
  user_id: number;
  username: string;
  signup_ts: number;
}
export interface ItemRow {
  item_id: number;
  title: string | null;
  genre: string | null;
  released: string;
  added_ts: number;
  imdb_votes: number | null;
}

/** Opens a shop database read-only. @throws when the file does not exist. */
export function openShop(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/**
 * Checks one raw row against the {@link LogEvent} shape.
 * @param where names the row in the error, e.g. "events rowid 17".
 * @throws TypeError saying which field is wrong and what it holds.
 */
export function checkEventRow(row: Record<string, unknown>, where: string): LogEvent {
  for (const key of ['user_id', 'item_id', 'ts'] as const) {
    if (!Number.isSafeInteger(row[key])) throw new TypeError(`${where}: ${key} must be an integer, got ${JSON.stringify(row[key])}`);
  }
  if (!EVENT_TYPES.includes(row.event as EventType))
    throw new TypeError(`${where}: event must be one of ${EVENT_TYPES.join(', ')}, got ${JSON.stringify(row.event)}`);
  return { user_id: row.user_id as number, item_id: row.item_id as number, event: row.event as EventType, ts: row.ts as number };
}

/**
 * Events in log (rowid) order, optionally only `from ≤ ts < to` and only some event types.
 * @param options.from, options.to epoch ms.
 */
export function readEvents(db: Database.Database, options: { from?: number; to?: number; events?: readonly EventType[] } = {}): LogEvent[] {
  const types = options.events ?? EVENT_TYPES;
  const sql = `SELECT rowid, user_id, item_id, event, ts FROM events
    WHERE ts >= ? AND ts < ? AND event IN (${types.map(() => '?').join(', ')}) ORDER BY rowid`;
  const rows = db.prepare(sql).all(options.from ?? Number.MIN_SAFE_INTEGER, options.to ?? Number.MAX_SAFE_INTEGER, ...types) as Record<
    string,
    unknown
  >[];
  return rows.map((r) => checkEventRow(r, `events rowid ${String(r.rowid)}`));
}

export function readUsers(db: Database.Database): UserRow[] {
  return db.prepare('SELECT user_id, username, signup_ts FROM users ORDER BY user_id').all() as UserRow[];
}

export function readItems(db: Database.Database): ItemRow[] {
  return db.prepare('SELECT item_id, title, genre, released, added_ts, imdb_votes FROM items ORDER BY item_id').all() as ItemRow[];
}
