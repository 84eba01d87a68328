/**
 * The prediction log in PostgreSQL, for more than one replica: every replica writes to one
 * table, and each replica's drift report reads everybody's traffic. Same contract as lab 04's
 * `SqlitePredictionLog` (same table, same batching); what differs is that the database is
 * across a network, so it may be down or slow, and `/predict` must not notice: rows wait in a
 * bounded buffer, and what does not fit is dropped, counted and logged.
 */
import { Pool } from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { LoggedPrediction, PredictionLog, StoredPrediction } from '../../server-template/src/contracts';
import { INSERT_COLUMNS, logRowOf, logRowValues, postgresSchema, storedOf } from './postgres-schema';

/** What the log says about itself: a drop is never silent. */
export interface LogSink {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

export interface PostgresLogOptions {
  /** e.g. `postgres://spam:secret@db:5432/predictions` */
  url: string;
  /** Most rows one INSERT carries, and the count that starts one (default 32, as lab 04's log). */
  batchRows?: number;
  /**
   * Most text characters one INSERT turns into features (default 100 000, as lab 04's log; a
   * longer text goes alone): features take time linear in the text, and the event loop is held meanwhile.
   */
  batchChars?: number;
  /** ... or at least this often, in milliseconds (default 200). */
  flushIntervalMs?: number;
  /** Rows kept while the database cannot take them (default 10 000); more are dropped. */
  maxBufferedRows?: number;
  /** ... and text characters kept (default 20 million, about 40 MB): long texts fill memory sooner. */
  maxBufferedChars?: number;
  /** How many of the newest rows (all replicas') `recent` can return: the drift window. */
  recentRows?: number;
  /** How often the newest rows are read back, in milliseconds (default 5000). */
  refreshIntervalMs?: number;
  /** Bound on connecting and on each query, in milliseconds (default 2000). */
  timeoutMs?: number;
  log?: LogSink;
}

/** A full buffer is logged at most this often (the counter has every row). */
const DROP_LOG_EVERY_MS = 10_000;

/**
 * How many of the oldest rows one write takes: at most `maxRows` and `maxChars` characters of
 * text, at least one row (lab 04's batch bounds).
 */
export function batchLength(rows: readonly LoggedPrediction[], maxRows: number, maxChars: number): number {
  let take = 0;
  let chars = 0;
  while (take < rows.length && take < maxRows) {
    const next = rows[take].text.length;
    if (take > 0 && chars + next > maxChars) break;
    chars += next;
    take++;
  }
  return take;
}

const quiet: LogSink = { warn: () => undefined, info: () => undefined };

/** `INSERT … VALUES ($1, …, $6), ($7, …)` for `rows` rows. */
function insertStatement(rows: number): string {
  const width = INSERT_COLUMNS.length;
  const tuples = Array.from({ length: rows }, (_, r) => `(${INSERT_COLUMNS.map((_, c) => `$${r * width + c + 1}`).join(', ')})`);
  return `INSERT INTO predictions (${INSERT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
}

export class PostgresPredictionLog implements PredictionLog {
  private readonly pool: Pool;
  private readonly options: Required<Omit<PostgresLogOptions, 'url' | 'log'>>;
  private readonly sink: LogSink;
  /** Recorded, not yet written (oldest first). */
  private pending: LoggedPrediction[] = [];
  private pendingChars = 0;
  /** Written since the last read-back (oldest first): `recent` must not lose them meanwhile. */
  private written: LoggedPrediction[] = [];
  /** The newest rows of the shared table at the last read-back, newest first. */
  private snapshot: StoredPrediction[] = [];
  private chain: Promise<void> = Promise.resolve();
  private queued = false;
  private schemaReady = false;
  private failing = false;
  private lastRefresh = 0;
  private lastDropLog = 0;
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  /** Rows dropped because the buffer was full (or the log closed with rows unwritten). */
  dropped = 0;
  /** Failed writes and reads. */
  errors = 0;

  constructor(options: PostgresLogOptions) {
    this.sink = options.log ?? quiet;
    this.options = {
      batchRows: options.batchRows ?? 32,
      batchChars: options.batchChars ?? 100_000,
      flushIntervalMs: options.flushIntervalMs ?? 200,
      maxBufferedRows: options.maxBufferedRows ?? 10_000,
      maxBufferedChars: options.maxBufferedChars ?? 20_000_000,
      recentRows: options.recentRows ?? 500,
      refreshIntervalMs: options.refreshIntervalMs ?? 5_000,
      timeoutMs: options.timeoutMs ?? 2_000,
    };
    const timeout = this.options.timeoutMs;
    this.pool = new Pool({
      connectionString: options.url,
      max: 2,
      connectionTimeoutMillis: timeout,
      query_timeout: timeout,
      statement_timeout: timeout,
    });
    // An idle connection that breaks (the server restarts) emits here; unhandled, it would crash the process.
    this.pool.on('error', (err) => this.noteFailure(err));
    this.timer = setInterval(() => this.schedule(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  record(rows: LoggedPrediction[]): void {
    let kept = 0;
    for (const row of rows) {
      if (
        this.closed ||
        this.pending.length >= this.options.maxBufferedRows ||
        this.pendingChars + row.text.length > this.options.maxBufferedChars
      )
        continue;
      this.pending.push(row);
      this.pendingChars += row.text.length;
      kept++;
    }
    if (kept < rows.length) this.drop(rows.length - kept);
    if (this.pending.length >= this.options.batchRows && !this.queued) setImmediate(() => this.schedule());
  }

  /** The newest `n`: this replica's unwritten rows, then the shared table as last read. */
  recent(n: number): StoredPrediction[] {
    const local = [...this.pending, ...this.written]
      .reverse()
      .slice(0, n)
      .map((r) => storedOf(logRowOf(r)));
    return [...local, ...this.snapshot].slice(0, n);
  }

  /** Rows waiting for the database. */
  buffered(): number {
    return this.pending.length;
  }

  /** Write what is buffered and read the table back now (tests, shutdown). Never rejects. */
  async sync(): Promise<void> {
    this.lastRefresh = 0;
    this.schedule();
    await this.chain;
  }

  /** Write what is buffered (bounded by the timeout), then release the connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.sync();
    if (this.pending.length > 0) {
      this.sink.warn({ rows: this.pending.length }, 'prediction log closed with rows the database never took; they are lost');
      this.drop(this.pending.length);
      this.pending = [];
      this.pendingChars = 0;
    }
    await this.pool.end().catch(() => undefined);
  }

  /**
   * `prediction_log_dropped_rows_total`, `prediction_log_buffered_rows` and
   * `prediction_log_errors_total` on the app's registry, read at scrape time.
   */
  registerMetrics(registry: Registry): void {
    const self = this;
    new Counter({
      name: 'prediction_log_dropped_rows_total',
      help: 'Predictions the shared log dropped: buffer full while the database was down or slow.',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(self.dropped);
      },
    });
    new Counter({
      name: 'prediction_log_errors_total',
      help: 'Failed writes and reads of the shared prediction log.',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(self.errors);
      },
    });
    new Gauge({
      name: 'prediction_log_buffered_rows',
      help: 'Predictions waiting to be written to the shared log.',
      registers: [registry],
      collect() {
        this.set(self.pending.length);
      },
    });
  }

  /** Queue one write (and read-back when due) behind any still running: one at a time, in order. */
  private schedule(): void {
    if (this.queued) return;
    this.queued = true;
    this.chain = this.chain.then(async () => {
      this.queued = false;
      await this.writePending();
      if (Date.now() - this.lastRefresh >= this.options.refreshIntervalMs) await this.refresh();
    });
  }

  /** Writes the buffer in chunks; on failure the rows stay buffered for the next attempt. */
  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, batchLength(this.pending, this.options.batchRows, this.options.batchChars));
      try {
        await this.ensureSchema();
        await this.pool.query(
          insertStatement(batch.length),
          batch.flatMap((r) => logRowValues(logRowOf(r))),
        );
      } catch (err) {
        this.noteFailure(err);
        return;
      }
      this.pending.splice(0, batch.length);
      for (const row of batch) this.pendingChars -= row.text.length;
      for (const row of batch) this.written.push(row);
      // Only the newest matter to `recent`, should read-backs keep failing while writes work.
      if (this.written.length > this.options.recentRows) this.written.splice(0, this.written.length - this.options.recentRows);
      this.noteSuccess();
    }
  }

  /** Reads the newest rows of the shared table; what this replica wrote is in them from now on. */
  private async refresh(): Promise<void> {
    this.lastRefresh = Date.now();
    try {
      await this.ensureSchema();
      const result = await this.pool.query(
        'SELECT ts, model_name, model_version, prediction, probability, features FROM predictions ORDER BY id DESC LIMIT $1',
        [this.options.recentRows],
      );
      this.snapshot = result.rows.map(storedOf);
      this.written = [];
      this.noteSuccess();
    } catch (err) {
      this.noteFailure(err);
    }
  }

  private async ensureSchema(): Promise<void> {
    if (this.schemaReady) return;
    await this.pool.query(postgresSchema());
    this.schemaReady = true;
  }

  private drop(rows: number): void {
    this.dropped += rows;
    const now = Date.now();
    if (now - this.lastDropLog < DROP_LOG_EVERY_MS) return;
    this.lastDropLog = now;
    this.sink.warn(
      { dropped_total: this.dropped, buffered: this.pending.length, max: this.options.maxBufferedRows },
      'prediction log buffer full: dropping predictions from the log (not from /predict)',
    );
  }

  /** Logged when the database goes away, not at every retry. */
  private noteFailure(err: unknown): void {
    this.errors += 1;
    if (this.failing) return;
    this.failing = true;
    this.sink.warn(
      { err: err instanceof Error ? err.message : String(err), buffered: this.pending.length },
      'prediction log database unavailable; buffering',
    );
  }

  private noteSuccess(): void {
    if (!this.failing) return;
    this.failing = false;
    this.sink.info({ buffered: this.pending.length, dropped_total: this.dropped }, 'prediction log database reachable again');
  }
}
