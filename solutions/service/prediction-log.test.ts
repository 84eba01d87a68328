import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { LoggedPrediction } from '../../server-template/src/contracts';
import { SqlitePredictionLog } from '../lab-04-monitor/src/prediction-log';

const MODEL = { name: 'spam', version: '1.0.0' };

function rows(n: number, text: (i: number) => string = (i) => `message ${i}`): LoggedPrediction[] {
  return Array.from({ length: n }, (_, i) => ({ ts: i, model: MODEL, text: text(i), prediction: 'ham', probability: 0.1 }));
}

/** One turn of the event loop: the log's scheduled write, if any, runs before this resolves. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// What another process reading the file sees: only committed writes.
describe('lab 04: the prediction log writes bounded batches', () => {
  let dir: string;
  let log: SqlitePredictionLog;
  let reader: Database.Database;
  const committed = (): number => (reader.prepare('SELECT COUNT(*) AS n FROM predictions').get() as { n: number }).n;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'prediction-log-'));
  });
  afterEach(() => {
    reader?.close();
    log?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function open(options: { batchRows?: number; batchChars?: number }): void {
    const file = path.join(dir, 'log.sqlite');
    log = new SqlitePredictionLog({ file, flushIntervalMs: 60_000, ...options });
    reader = new Database(file, { readonly: true });
  }

  describe('with 150 rows recorded in one turn and batchRows 32', () => {
    it('commits 32 rows per turn, never all of them at once', async () => {
      open({ batchRows: 32 });
      log.record(rows(50));
      log.record(rows(100));
      assert.equal(committed(), 0, 'record must not write on the request path');
      const seen: number[] = [];
      for (let turn = 0; turn < 5; turn++) {
        await nextTurn();
        seen.push(committed());
      }
      assert.deepEqual(seen, [32, 64, 96, 128, 128], 'the last 22 rows wait for the timer (not a full batch)');
      assert.equal(log.count(), 150);
    });
  });

  describe('with long texts', () => {
    it('writes no more than batchChars characters of text per turn, but at least one row', async () => {
      open({ batchRows: 32, batchChars: 100_000 });
      log.record(rows(5, () => 'x'.repeat(40_000)));
      log.record(rows(1, () => 'y'.repeat(150_000)));
      const seen: number[] = [];
      for (let turn = 0; turn < 4; turn++) {
        await nextTurn();
        seen.push(committed());
      }
      // 2 × 40,000; 2 × 40,000; 40,000 alone (150,000 more would pass the bound); 150,000 alone.
      assert.deepEqual(seen, [2, 4, 5, 6]);
    });
  });

  it('recent() and close() still write everything buffered, newest first', () => {
    open({ batchRows: 4 });
    log.record(rows(10));
    assert.deepEqual(
      log.recent(3).map((r) => r.ts),
      [9, 8, 7],
    );
    log.record(rows(3));
    log.close();
    assert.equal(committed(), 13);
  });
});
