/** Public checks for lab 04: run them with `npm run check -- lab-04`. */
import { check, expectClose, expectEqual, expectStatus, note, submission } from '../../../grading/harness';
import { describeEarlierParts } from '../../../grading/lib/learner-labs';
import {
  APP,
  appSocket,
  call,
  countBy,
  DRIFT,
  expectedBuckets,
  expectedReport,
  expectSameVerdicts,
  histogramSeries,
  LOG,
  METRICS,
  metricValue,
  PERIOD1,
  PERIOD2,
  periodOne,
  periodOneMetrics,
  periodTwo,
  PUBLIC_APP,
  replay,
  seriesFound,
} from './traffic';

/** The upper bounds the brief gives `prediction_probability`. */
const BOUNDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
const SERVED = { model_version: '1.0.0' };
/** The earlier labs' parts lab 04's /predict runs: yours where you wrote them (graded on your labs folder). */
const EARLIER = [
  { lab: 'lab-01-ship-the-model', rel: 'src/app.ts', what: 'lab 01 route' },
  { lab: 'lab-02-harden-the-api', rel: 'src/validate.ts', what: 'lab 02 validator' },
];

function sortedKeys(rows: unknown): unknown {
  return Array.isArray(rows)
    ? rows.map((r: Record<string, unknown>) => Object.fromEntries(Object.entries(r ?? {}).sort(([a], [b]) => a.localeCompare(b))))
    : rows;
}

describe('lab-04 public checks', () => {
  check('monitoringRows: the stored features plus probability and prediction', 1, `${DRIFT}: monitoringRows()`, async () => {
    const stored = [
      {
        ts: 1,
        model: { name: 'spam', version: '1.0.0' },
        prediction: 'spam',
        probability: 0.9,
        features: { length: 12, urls: 1, looks_like_html: 'no' },
      },
    ];
    const got = await submission().call(DRIFT, 'monitoringRows', [stored]);
    expectEqual(
      sortedKeys(got),
      [{ length: 12, looks_like_html: 'no', prediction: 'spam', probability: 0.9, urls: 1 }],
      'monitoringRows([one stored prediction])',
    );
  });
  check('driftScore: the share of drifted columns', 1, `${DRIFT}: driftScore()`, async () => {
    const report = {
      columns: {},
      number_of_columns: 8,
      number_of_drifted_columns: 2,
      share_of_drifted_columns: 0.25,
      drift_share: 0.5,
      dataset_drift: false,
      current_rows: 40,
    };
    expectEqual(await submission().call(DRIFT, 'driftScore', [report]), 0.25, 'driftScore(a report with 2 of 8 columns drifted)');
  });
  check('fewer than 20 logged predictions → 409 not_enough_data', 2, `${DRIFT}: LogDriftMonitor.report()`, async () => {
    const socket = await appSocket({ driftWindow: 500, logFile: ':memory:' });
    await replay(socket, PERIOD1.slice(0, 5));
    const res = await call(socket, 'GET', '/monitoring/drift');
    expectStatus(res, 409, 'GET /monitoring/drift after 5 predictions');
    expectEqual((res.body['error'] as { code?: unknown } | undefined)?.code, 'not_enough_data', 'error.code');
  });
  check(
    `period 1 (${PERIOD1.length} messages like the training data): no dataset drift, the toolkit's verdict per column`,
    4,
    `${LOG}: prepareInsert() and readRecent(); ${DRIFT}: LogDriftMonitor.report()`,
    async () => {
      const { answers, drift } = await periodOne();
      expectEqual(drift.window, PERIOD1.length, 'the report\'s "window" (predictions it covers)');
      expectSameVerdicts(drift.report, expectedReport(PERIOD1, answers), 'after period 1');
    },
  );
  check(
    `prediction_probability after period 1: each bucket counts the probabilities /predict answered`,
    3,
    `${METRICS}: registerPredictionMetrics() — a Histogram prediction_probability with buckets PROBABILITY_BUCKETS and the label model_version, on the registry it is given; observe every p.probability`,
    async () => {
      const { answers, exposition } = await periodOneMetrics();
      const got = histogramSeries(exposition, 'prediction_probability', SERVED);
      if (Object.keys(got.buckets).length === 0) {
        throw new Error(
          `GET /metrics after period 1: expected prediction_probability_bucket{model_version="1.0.0",le="…"} series, found ${seriesFound(exposition, 'prediction_probability')}`,
        );
      }
      expectEqual(
        got.buckets,
        expectedBuckets(
          answers.map((a) => a.probability),
          BOUNDS,
        ),
        'prediction_probability_bucket{model_version="1.0.0"} by le',
      );
    },
  );
  check(
    `prediction_probability after period 1: _count is the number of predictions, _sum their probabilities`,
    1,
    `${METRICS}: observe each prediction's probability once (not the class, not once per batch)`,
    async () => {
      const { answers, exposition } = await periodOneMetrics();
      const got = histogramSeries(exposition, 'prediction_probability', SERVED);
      expectEqual(got.count, answers.length, 'prediction_probability_count{model_version="1.0.0"}');
      expectClose(
        got.sum,
        answers.reduce((s, a) => s + a.probability, 0),
        1e-6,
        'prediction_probability_sum{model_version="1.0.0"}',
      );
    },
  );
  check(
    `period 2 (${PERIOD2.length} messages of the later collection): dataset drift, the toolkit's verdict per column`,
    4,
    `${LOG}: readRecent() returns the newest rows; ${DRIFT}: LogDriftMonitor.report()`,
    async () => {
      const { answers, drift } = await periodTwo();
      expectEqual(drift.window, PERIOD2.length, 'the report\'s "window" (DRIFT_WINDOW = the length of period 2)');
      expectSameVerdicts(drift.report, expectedReport(PERIOD2, answers), 'after period 2');
    },
  );
  check(
    '/metrics: model_drift_score is the share of drifted columns; predictions_total counts each class',
    3,
    `${DRIFT}: driftScore(); ${APP}: the log must not break /predict`,
    async () => {
      const { all, answers, drift, exposition } = await periodTwo();
      note(
        `/predict ran ${describeEarlierParts(submission().stagedLabsDir, EARLIER)}, on the course's model 1.0.0 (drift is measured against its reference)`,
      );
      const want = expectedReport(PERIOD2, answers).share_of_drifted_columns;
      expectEqual(drift.score, want, 'GET /monitoring/drift "score"');
      expectEqual(metricValue(exposition, 'model_drift_score'), want, 'model_drift_score in /metrics');
      const counts = countBy(all);
      for (const cls of ['spam', 'ham'])
        expectEqual(metricValue(exposition, `predictions_total{class="${cls}"}`), counts[cls], `predictions_total{class="${cls}"}`);
    },
  );
  check(
    'the log on disk: one row per prediction, WAL journal, the model version',
    2,
    `${LOG}: openLogDatabase() and prepareInsert()`,
    async () => {
      const { all } = await periodTwo();
      const log = (await submission().call(APP, 'inspectLog', [PUBLIC_APP.logFile])) as {
        rows: number;
        journal_mode: string;
        model_versions: string[];
      };
      expectEqual(log.rows, all.length, 'rows in the predictions table');
      expectEqual(log.journal_mode, 'wal', 'PRAGMA journal_mode');
      expectEqual(log.model_versions, ['1.0.0'], 'model_version values');
    },
  );
});
