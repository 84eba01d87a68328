import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import type { LoadedModel, LoggedPrediction } from '../../server-template/src/contracts';
import { monitoringRow, referenceStatistics } from '../../mlkit/drift';
import { SqlitePredictionLog } from '../lab-04-monitor/src/prediction-log';
import { LogDriftMonitor } from '../lab-04-monitor/src/drift';
import { batchLength, PostgresPredictionLog, type LogSink } from './postgres-log';
import { postgresSchema } from './postgres-schema';
import { requireSystem, type SystemComponent } from '../../scripts/test-support/require-system';
import { postgresUnavailable, startThrowawayPostgres, type ThrowawayPostgres } from './postgres-server';
import { startFixtureService, type FixtureService } from './testing';

const MODEL = { name: 'spam', version: '1.0.0' };
/** initdb and pg_ctl, for a throwaway server (CI installs them: .ci/run). */
const POSTGRESQL: SystemComponent = { name: 'PostgreSQL', install: 'sudo apt-get install postgresql', missing: postgresUnavailable };

/** A timestamp past 2^31 ms: it overflows a 32-bit INTEGER column. */
const TS = Date.UTC(2026, 0, 1);

/** `n` predictions with varied texts (so drift has columns to compare), oldest first. */
function traffic(n: number, seed = 0): LoggedPrediction[] {
  return Array.from({ length: n }, (_, i) => {
    const k = i + seed;
    const spam = k % 3 === 0;
    const text = spam ? `WIN ${k} dollars NOW!!! http://x${k}.example` : `Meeting ${k}\n\nSee you at ${k % 12} in room ${k % 7}.`;
    return {
      ts: TS + k,
      model: MODEL,
      text,
      prediction: spam ? 'spam' : 'ham',
      probability: spam ? 0.9 - (k % 10) / 100 : 0.05 + (k % 10) / 100,
    };
  });
}

/** A model whose drift reference is built from other traffic than the logged rows. */
function modelWithReference(): LoadedModel {
  const rows = traffic(60, 1000).map((p) => monitoringRow(p.text, p.probability, p.prediction));
  return { info: MODEL, threshold: 0.5, metadata: { reference: referenceStatistics(rows) }, predictProba: (texts) => texts.map(() => 0.5) };
}

/** A log sink that keeps what it was told. */
function capture(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (_f, m) => lines.push(`warn ${m}`), info: (_f, m) => lines.push(`info ${m}`) };
}

describe('the PostgreSQL schema of the prediction log', () => {
  it("keeps lab 04's columns with 64-bit types (BIGINT timestamps, DOUBLE PRECISION probabilities)", () => {
    const ddl = postgresSchema();
    for (const column of [
      'ts BIGINT NOT NULL',
      'model_name TEXT NOT NULL',
      'model_version TEXT NOT NULL',
      'prediction TEXT NOT NULL',
      'probability DOUBLE PRECISION NOT NULL',
      'features TEXT NOT NULL',
    ]) {
      assert.ok(ddl.includes(column), `missing "${column}" in:\n${ddl}`);
    }
    assert.match(ddl, /id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY/);
  });

  it('refuses a SQLite column type it has no mapping for, naming the column', () => {
    assert.throws(() => postgresSchema('CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  blob_col BLOB NOT NULL\n)'), /blob_col.*BLOB/);
  });
});

describe("the shared log's write batches (lab 04's bounds)", () => {
  const rows = (...lengths: number[]): LoggedPrediction[] => lengths.map((n, i) => ({ ...traffic(1, i)[0], text: 'x'.repeat(n) }));

  it('takes at most batchRows rows and batchChars characters, oldest first', () => {
    assert.equal(batchLength(rows(10, 10, 10, 10), 3, 1_000), 3);
    assert.equal(batchLength(rows(400, 400, 400), 32, 1_000), 2);
  });

  it('takes a text longer than batchChars alone, never zero rows', () => {
    assert.equal(batchLength(rows(5_000, 10), 32, 1_000), 1);
    assert.equal(batchLength([], 32, 1_000), 0);
  });
});

describe('PostgresPredictionLog (a throwaway PostgreSQL server)', function () {
  this.timeout(60_000);
  let pg: ThrowawayPostgres | undefined;
  const opened: PostgresPredictionLog[] = [];
  const open = (options: Partial<ConstructorParameters<typeof PostgresPredictionLog>[0]> = {}): PostgresPredictionLog => {
    const log = new PostgresPredictionLog({ url: pg!.url, flushIntervalMs: 50, refreshIntervalMs: 100, timeoutMs: 1_000, ...options });
    opened.push(log);
    return log;
  };

  before(async function () {
    await requireSystem(this, POSTGRESQL);
    pg = await startThrowawayPostgres();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((log) => log.close()));
    if (pg) await pg.start().catch(() => undefined); // a test that stopped it
  });

  after(async () => {
    await pg?.dispose();
  });

  it('writes in batches and reads back newest first, 64-bit timestamps intact, features instead of text', async () => {
    const log = open();
    log.record(traffic(3));
    await log.sync();
    const recent = log.recent(10);
    assert.ok(recent.length >= 3);
    assert.deepEqual(
      recent.slice(0, 3).map((r) => r.ts),
      [TS + 2, TS + 1, TS],
    );
    assert.equal(recent[1].features['exclamations'], 0);
    assert.equal(JSON.stringify(recent).includes('Meeting'), false);
  });

  it("is shared: a second replica's log reads the rows the first one wrote", async () => {
    const a = open();
    const b = open();
    const rows = traffic(5, 500);
    a.record(rows);
    await a.sync();
    await b.sync();
    assert.deepEqual(
      b.recent(5).map((r) => r.ts),
      rows.map((r) => r.ts).reverse(),
    );
  });

  it('gives the drift report the same numbers as the SQLite log for the same rows', async () => {
    // Written last, these rows are the newest in the shared table: the window covers them alone.
    const rows = traffic(80, 7);
    const window = rows.length;
    const sqlite = new SqlitePredictionLog({ file: ':memory:' });
    const shared = open({ recentRows: window });
    try {
      sqlite.record(rows);
      shared.record(rows);
      await shared.sync();
      const model = modelWithReference();
      const fromSqlite = new LogDriftMonitor(sqlite, window).report(model);
      const fromPostgres = new LogDriftMonitor(shared, window).report(model);
      assert.equal(fromPostgres.window, window);
      assert.deepEqual(fromPostgres.report, fromSqlite.report);
      assert.equal(fromPostgres.score, fromSqlite.score);
    } finally {
      sqlite.close();
    }
  });

  it('keeps recording while the server is down, drops past its bound with a count and a log line, and writes the rest once it is back', async () => {
    const sink = capture();
    const registry = new Registry();
    const log = open({ maxBufferedRows: 50, log: sink });
    log.registerMetrics(registry);
    await pg!.stop();
    const started = Date.now();
    log.record(traffic(80, 2000));
    assert.ok(Date.now() - started < 50, 'record() waited for the database');
    await log.sync();
    assert.equal(log.buffered(), 50);
    assert.equal(log.dropped, 30);
    assert.ok(
      sink.lines.some((l) => l.startsWith('warn prediction log buffer full')),
      sink.lines.join('\n'),
    );
    assert.ok(
      sink.lines.some((l) => l.startsWith('warn prediction log database unavailable')),
      sink.lines.join('\n'),
    );
    const metrics = await registry.metrics();
    assert.match(metrics, /^prediction_log_dropped_rows_total 30$/m);
    assert.match(metrics, /^prediction_log_buffered_rows 50$/m);
    await pg!.start();
    await log.sync();
    assert.equal(log.buffered(), 0);
    assert.deepEqual(
      log.recent(50).map((r) => r.ts),
      traffic(50, 2000)
        .map((r) => r.ts)
        .reverse(),
    );
    assert.ok(sink.lines.some((l) => l.startsWith('info prediction log database reachable again')));
  });

  it('bounds the buffer by characters too: long texts are dropped before they fill memory', async () => {
    const log = open({ maxBufferedChars: 1_000 });
    await pg!.stop();
    log.record(traffic(1).map((r) => ({ ...r, text: 'y'.repeat(600) })));
    log.record(traffic(1).map((r) => ({ ...r, text: 'z'.repeat(600) })));
    assert.equal(log.buffered(), 1);
    assert.equal(log.dropped, 1);
  });
});

describe('the service with DATABASE_URL (a throwaway PostgreSQL server)', function () {
  this.timeout(60_000);
  let pg: ThrowawayPostgres | undefined;
  let service: FixtureService | undefined;

  before(async function () {
    await requireSystem(this, POSTGRESQL);
    pg = await startThrowawayPostgres();
    service = await startFixtureService({ DATABASE_URL: pg.url, LOG_LEVEL: 'silent' });
  });

  after(async () => {
    await service?.dispose();
    await pg?.dispose();
  });

  const predict = (text: string): Promise<Response> =>
    fetch(`${service!.url}/predict`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(5_000),
    });

  it('answers /predict while the database is stopped, and reports the buffered rows and errors on /metrics', async () => {
    assert.equal((await predict('hello before the outage')).status, 200);
    await pg!.stop();
    for (let i = 0; i < 20; i++) {
      const res = await predict(`Free money now ${i}!!!`);
      assert.equal(res.status, 200, `request ${i} during the outage`);
    }
    // The flush timer (200 ms) tries, fails within the 2 s timeout and counts it.
    const metrics = await (async () => {
      for (let i = 0; i < 40; i++) {
        const text = await (await fetch(`${service!.url}/metrics`)).text();
        if (/^prediction_log_errors_total [1-9]/m.test(text)) return text;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error('prediction_log_errors_total never rose while the database was down');
    })();
    assert.match(metrics, /^prediction_log_buffered_rows (20|21)$/m);
    assert.match(metrics, /^prediction_log_dropped_rows_total 0$/m);
    await pg!.start();
  });
});
