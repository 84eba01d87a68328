import type { LoggedPrediction, PredictionLog, StoredPrediction } from '../../../server-template/src/contracts';
import Database from 'better-sqlite3';
// BEGIN SOLUTION hint: import mkdirSync and path (to create the log's folder) and textFeatures from mlkit/drift
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { textFeatures } from '../../../mlkit/drift/text-features';
// END SOLUTION

/** Rows: one per prediction; `features` is the JSON of `textFeatures(text)` (the text itself is not kept). */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS predictions (
  id INTEGER PRIMARY KEY,
  ts INTEGER NOT NULL,
  model_name TEXT NOT NULL,
  model_version TEXT NOT NULL,
  prediction TEXT NOT NULL,
  probability REAL NOT NULL,
  features TEXT NOT NULL
)`;

/**
 * Open (or create) the log database in WAL mode, so a reader (the drift report, a notebook)
 * never blocks the writer.
 * @param file a path, or ":memory:"
 */
export function openLogDatabase(file: string): Database.Database {
  // BEGIN SOLUTION hint: create the folder, new Database(file), pragma journal_mode = WAL, exec SCHEMA
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // WAL + NORMAL: a power cut can lose the last transactions, never corrupt the file.
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  return db;
  // END SOLUTION
}

/**
 * A function that writes many rows in one transaction with one prepared statement
 * (one fsync per batch instead of one per row).
 */
export function prepareInsert(db: Database.Database): (rows: LoggedPrediction[]) => void {
  // BEGIN SOLUTION hint: db.prepare an INSERT once, wrap the loop in db.transaction
  const insert = db.prepare(
    'INSERT INTO predictions (ts, model_name, model_version, prediction, probability, features) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return db.transaction((rows: LoggedPrediction[]) => {
    for (const r of rows) {
      insert.run(r.ts, r.model.name, r.model.version, r.prediction, r.probability, JSON.stringify(textFeatures(r.text)));
    }
  });
  // END SOLUTION
}

/** A row as SQLite returns it. */
export interface LogRow {
  ts: number;
  model_name: string;
  model_version: string;
  prediction: 'spam' | 'ham';
  probability: number;
  features: string;
}

/** The last `n` logged predictions, newest first. */
export function readRecent(db: Database.Database, n: number): StoredPrediction[] {
  // BEGIN SOLUTION hint: SELECT … ORDER BY id DESC LIMIT ?, then JSON.parse the features
  const rows = db
    .prepare('SELECT ts, model_name, model_version, prediction, probability, features FROM predictions ORDER BY id DESC LIMIT ?')
    .all(n) as LogRow[];
  return rows.map((r) => ({
    ts: r.ts,
    model: { name: r.model_name, version: r.model_version },
    prediction: r.prediction,
    probability: r.probability,
    features: JSON.parse(r.features) as Record<string, number | string>,
  }));
  // END SOLUTION
}

export interface SqliteLogOptions {
  /** SQLite file, or ":memory:". */
  file: string;
  /**
   * Most rows one write carries, and the count that starts one (default 32). A row costs about
   * 10 µs to write whatever the batch size, but a batch blocks the event loop while it is
   * written: 32 rows hold requests back about 0.3 ms, 256 rows about 2.5 ms (seen at the
   * service's p99).
   */
  batchRows?: number;
  /**
   * Most text characters one write turns into features (default 100,000; a single longer text
   * is written alone). Features take time linear in the text, so this bounds how long one write
   * holds the event loop when the texts are long (`npm run bench -- stall`).
   */
  batchChars?: number;
  /** ... or when the oldest waiting row is this old, in milliseconds (default 200). */
  flushIntervalMs?: number;
}

/**
 * The prediction log. `record` only appends to an in-memory buffer; rows reach SQLite in
 * batches, off the request's path, so logging adds microseconds to /predict, not an fsync.
 * Each write (one transaction) carries at most `batchRows` rows and `batchChars` characters of
 * text; what is left waits for the next turn of the event loop, so requests get in between.
 * A crash loses the rows still in the buffer (see the lab's README).
 */
export class SqlitePredictionLog implements PredictionLog {
  private readonly db: Database.Database;
  private readonly insert: (rows: LoggedPrediction[]) => void;
  private buffer: LoggedPrediction[] = [];
  private bufferedChars = 0;
  private scheduled = false;
  private readonly timer: NodeJS.Timeout;
  private readonly batchRows: number;
  private readonly batchChars: number;

  constructor(options: SqliteLogOptions) {
    this.db = openLogDatabase(options.file);
    this.insert = prepareInsert(this.db);
    this.batchRows = options.batchRows ?? 32;
    this.batchChars = options.batchChars ?? 100_000;
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 200);
    this.timer.unref();
  }

  record(rows: LoggedPrediction[]): void {
    for (const row of rows) {
      this.buffer.push(row);
      this.bufferedChars += row.text.length;
    }
    // After this response is sent, not before.
    this.scheduleIfFull();
  }

  /** Write one batch now; a full batch still waiting is written on the next turn. */
  flush(): void {
    this.scheduled = false;
    if (this.buffer.length === 0 || !this.db.open) return;
    this.writeBatch();
    this.scheduleIfFull();
  }

  recent(n: number): StoredPrediction[] {
    this.drain();
    return readRecent(this.db, n);
  }

  /** How many predictions the log holds. */
  count(): number {
    this.drain();
    return (this.db.prepare('SELECT COUNT(*) AS n FROM predictions').get() as { n: number }).n;
  }

  close(): void {
    clearInterval(this.timer);
    if (!this.db.open) return;
    this.drain();
    this.db.close();
  }

  /** Write everything buffered now, still one bounded batch per transaction. */
  private drain(): void {
    while (this.buffer.length > 0 && this.db.open) this.writeBatch();
  }

  /** One transaction: the oldest rows, up to `batchRows` rows and `batchChars` characters (at least one row). */
  private writeBatch(): void {
    let take = 0;
    let chars = 0;
    while (take < this.buffer.length && take < this.batchRows) {
      const next = this.buffer[take].text.length;
      if (take > 0 && chars + next > this.batchChars) break;
      chars += next;
      take++;
    }
    const rows = this.buffer.splice(0, take);
    this.bufferedChars -= chars;
    this.insert(rows);
  }

  private scheduleIfFull(): void {
    const full = this.buffer.length >= this.batchRows || this.bufferedChars >= this.batchChars;
    if (full && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }
}
