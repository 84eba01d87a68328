/**
 * Instructor checks for lab 04 at the edges and across the log's lifecycle: a fresh clone's
 * missing folder, exactly the minimum row count, a window that ends inside a batch, and a restart.
 */
import { check, expectClose, expectEqual, expectStatus, submission } from '../../../grading/harness';
import type { DriftReport } from '../../../mlkit/drift';
import { textFeatures } from '../../../mlkit/drift';
import {
  APP,
  appSocket,
  call,
  countBy,
  DRIFT,
  expectedReport,
  expectSameVerdicts,
  LOG,
  PERIOD1,
  replay,
  servedDrift,
} from '../grader/traffic';

/** Fails naming the first column whose statistic differs: the numbers, not only the verdicts. */
function expectSameStatistics(got: DriftReport, want: DriftReport, what: string): void {
  expectEqual(got.current_rows, want.current_rows, `${what}: report.current_rows`);
  for (const [name, w] of Object.entries(want.columns)) {
    expectClose(got.columns[name]?.statistic, w.statistic, 1e-9, `${what}: columns.${name}.statistic`);
  }
}

/** Keys sorted at every depth, so two objects compare by content whatever order they were built in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, canonical(v)]),
  );
}

const MIN_ROWS = 20;
/** SqlitePredictionLog's default flushIntervalMs, as the README documents it. */
const FLUSH_INTERVAL_MS = 200;
/** How long the live-read check waits for rows: many flush intervals, so a busy machine passes. */
const LIVE_DEADLINE_MS = 3000;

/** The rows a second reader finds in `logFile`, polled until there are `want` or `deadlineMs` passes. */
async function rowsWithin(logFile: string, want: number, deadlineMs: number): Promise<number> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const { rows } = (await submission().call(APP, 'inspectLog', [logFile])) as { rows: number };
    if (rows >= want || Date.now() >= end) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
/** Texts for the restart check: plain, non-ASCII, HTML with a link, shouting. */
const RESTART_TEXTS = [
  'Lunch tomorrow?\n\nSee you at noon.',
  'Grüße aus München — 東京 too 🙂',
  '<html><a href="http://example.com/win">WIN</a></html>',
  'FREE MONEY!!! CLICK NOW 100% 2024',
  'Re: minutes\n\nAttached, as promised.',
];

describe('lab-04 instructor checks: edges and lifecycle', () => {
  check(
    'the log creates its folder: a log file under folders a fresh clone does not have',
    1,
    `${LOG}: openLogDatabase() creates path.dirname(file) (recursive) before opening it`,
    async () => {
      // The service's default log is .work/predictions.sqlite, and .work/ is not in the repository.
      const logFile = 'fresh-clone/.work/predictions.sqlite';
      const socket = await appSocket({ driftWindow: 500, logFile });
      const answers = await replay(socket, PERIOD1.slice(0, 25));
      await servedDrift(socket, `after 25 predictions logged to ${logFile}`);
      const log = (await submission().call(APP, 'inspectLog', [logFile])) as { rows: number; predictions: Record<string, number> };
      expectEqual(log.rows, answers.length, `rows in ${logFile}`);
      expectEqual({ ham: log.predictions['ham'] ?? 0, spam: log.predictions['spam'] ?? 0 }, countBy(answers), 'rows per prediction');
    },
  );
  check(
    `exactly ${MIN_ROWS} logged predictions give a report; ${MIN_ROWS - 1} give 409 saying how many`,
    1,
    `${DRIFT}: LogDriftMonitor.report() refuses fewer than MIN_DRIFT_ROWS (<), not MIN_DRIFT_ROWS itself`,
    async () => {
      const socket = await appSocket({ driftWindow: 500, logFile: 'minimum.sqlite' });
      const first = await replay(socket, PERIOD1.slice(0, MIN_ROWS - 1));
      const refused = await call(socket, 'GET', '/monitoring/drift');
      expectStatus(refused, 409, `GET /monitoring/drift after ${MIN_ROWS - 1} predictions`, 'not_enough_data');
      const message = String((refused.body['error'] as { message?: unknown } | undefined)?.message);
      for (const n of [MIN_ROWS, MIN_ROWS - 1]) {
        if (!message.includes(String(n)))
          throw new Error(
            `the 409's error.message should say how many predictions are needed and logged (${n}), got ${JSON.stringify(message)}`,
          );
      }
      const answers = [...first, ...(await replay(socket, PERIOD1.slice(MIN_ROWS - 1, MIN_ROWS)))];
      const drift = await servedDrift(socket, `after exactly ${MIN_ROWS} predictions`);
      expectEqual(drift.window, MIN_ROWS, '"window"');
      expectSameStatistics(drift.report, expectedReport(PERIOD1.slice(0, MIN_ROWS), answers), `${MIN_ROWS} predictions`);
    },
  );
  check(
    'a window that ends inside a batch covers exactly the newest predictions',
    1,
    `${LOG}: readRecent() — the newest are the last recorded (ORDER BY id DESC); a batch's rows share one ts`,
    async () => {
      // Two batches of 50 and a window of 30: the report covers messages 70–99, not 50–79.
      const window = 30;
      const socket = await appSocket({ driftWindow: window, logFile: 'cut.sqlite' });
      const answers = await replay(socket, PERIOD1);
      const drift = await servedDrift(socket, `after ${PERIOD1.length} predictions (window ${window})`);
      const start = PERIOD1.length - window;
      const want = expectedReport(PERIOD1.slice(start), answers.slice(start));
      expectSameVerdicts(drift.report, want, `window ${window} of ${PERIOD1.length}`);
      expectSameStatistics(drift.report, want, `window ${window} of ${PERIOD1.length}`);
    },
  );
  check(
    'the log across a restart: nothing lost, the newest first, each field as recorded',
    2,
    `${LOG}: openLogDatabase() keeps what the file holds; readRecent() returns the newest n, newest first, with ts, model, prediction, probability and parsed features`,
    async () => {
      const row = (i: number, version: string, ts: number) => ({
        ts,
        model: { name: 'spam', version },
        text: RESTART_TEXTS[i % RESTART_TEXTS.length]!,
        prediction: i % 2 === 0 ? 'ham' : 'spam',
        probability: i % 2 === 0 ? 0.125 + i / 100 : 0.875 - i / 100,
      });
      // Six predictions before the stop, three after it from another model version. One ts each: a
      // window inside a batch of equal ts is the window check's concern, this one is the restart's.
      const before = [0, 1, 2, 3, 4, 5].map((i) => row(i, '1.0.0', 1_700_000_000_000 + 250 * i));
      const after = [6, 7, 8].map((i) => row(i, '1.1.0', 1_700_000_060_000 + 250 * i));
      const n = 5;
      const got = await submission().call(APP, 'logAcrossRestart', ['restart.sqlite', before, after, n]);
      const want = [...before, ...after]
        .reverse()
        .slice(0, n)
        .map(({ text, ...rest }) => ({ ...rest, features: textFeatures(text) }));
      expectEqual(canonical(got), canonical(want), `recent(${n}) after 6 predictions, a restart and 3 more`);
    },
  );
  check(
    'rows reach the file while the service runs, within the flush interval, with no read in between',
    1,
    `${LOG}: SqlitePredictionLog — the timer flushes every flushIntervalMs (setInterval, not once), not only on a read or close()`,
    async () => {
      // A notebook or a backup job reads the file while the service runs: rows must not wait for
      // a drift report (recent() drains the buffer) or for the stop. Five predictions never fill a
      // batch, so only the timer can write them; the deadline is many flush intervals, for a busy machine.
      const logFile = 'live.sqlite';
      const socket = await appSocket({ driftWindow: 500, logFile });
      for (const [round, texts] of [PERIOD1.slice(0, 5), PERIOD1.slice(5, 10)].entries()) {
        await replay(socket, texts);
        const want = 5 * (round + 1);
        const rows = await rowsWithin(logFile, want, LIVE_DEADLINE_MS);
        if (rows !== want)
          throw new Error(
            `after ${want} predictions and ${LIVE_DEADLINE_MS} ms with no read through the app, a second reader found ${rows} rows in the log file: ` +
              `expected ${want} (the timer writes what is buffered every ${FLUSH_INTERVAL_MS} ms)`,
          );
      }
    },
  ).timeout(4 * LIVE_DEADLINE_MS);
  check(
    'a stop after a burst loses nothing: close() writes every buffered batch, not only the first',
    1,
    `${LOG}: SqlitePredictionLog.close() — drain the whole buffer (batchRows rows per transaction) before closing the database`,
    async () => {
      // 100 rows are three full batches and a part: a close() that writes one batch keeps 32.
      const burst = Array.from({ length: 100 }, (_, i) => ({
        ts: 1_700_000_000_000 + 10 * i,
        model: { name: 'spam', version: '1.0.0' },
        text: RESTART_TEXTS[i % RESTART_TEXTS.length]!,
        prediction: i % 3 === 0 ? 'spam' : 'ham',
        probability: i % 3 === 0 ? 0.9 : 0.1,
      }));
      const got = (await submission().call(APP, 'logAcrossRestart', ['burst.sqlite', burst, [], burst.length])) as { ts?: unknown }[];
      const stamps = got.map((r) => r.ts as number).sort((a, b) => a - b);
      const want = burst.map((r) => r.ts);
      if (JSON.stringify(stamps) !== JSON.stringify(want))
        throw new Error(
          `after ${burst.length} rows recorded at once and close(), the reopened log holds ${got.length} of them: expected all ${burst.length}`,
        );
    },
  );
});
