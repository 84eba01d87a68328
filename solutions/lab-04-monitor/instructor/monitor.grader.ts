/** Instructor checks for lab 04: the numbers behind the verdicts, the window, what the log keeps, the metric's labels. */
import { check, expectClose, expectEqual, submission } from '../../../grading/harness';
import {
  APP,
  appSocket,
  countBy,
  DRIFT,
  expectedBuckets,
  expectedReport,
  expectSameVerdicts,
  histogramSeries,
  LOG,
  METRICS,
  PERIOD1,
  PERIOD2,
  periodTwo,
  PUBLIC_APP,
  replay,
  seriesFound,
  servedDrift,
} from '../grader/traffic';

/** Two models' answers on one registry; boundary values included (a bucket counts `value <= le`). */
const BATCHES = [
  { model: { name: 'spam', version: '2.1.0' }, probabilities: [0.05, 0.1, 0.5, 0.5000001, 0.97, 1] },
  { model: { name: 'spam', version: '1.0.0' }, probabilities: [0.3, 0.95] },
];

describe('lab-04 instructor checks', () => {
  check(
    "period 2: each column's method, statistic and p-value are the toolkit's",
    2,
    `${DRIFT}: monitoringRows() and driftReport(reference, rows); ${LOG}: store textFeatures(text)`,
    async () => {
      const { answers, drift } = await periodTwo();
      const want = expectedReport(PERIOD2, answers);
      for (const [name, w] of Object.entries(want.columns)) {
        const got = drift.report.columns[name];
        expectEqual(got?.method, w.method, `columns.${name}.method`);
        expectClose(got?.statistic, w.statistic, 1e-9, `columns.${name}.statistic`);
        if (w.p_value !== undefined) expectClose(got?.p_value, w.p_value, 1e-9, `columns.${name}.p_value`);
      }
    },
  );
  check('the report covers only the newest DRIFT_WINDOW predictions', 3, `${LOG}: readRecent() — ORDER BY id DESC LIMIT n`, async () => {
    const socket = await appSocket({ driftWindow: PERIOD1.length, logFile: 'window.sqlite' });
    await replay(socket, PERIOD2);
    const answers = await replay(socket, PERIOD1);
    const drift = await servedDrift(socket, `after period 2 then period 1 (window ${PERIOD1.length})`);
    expectEqual(drift.window, PERIOD1.length, '"window"');
    expectSameVerdicts(drift.report, expectedReport(PERIOD1, answers), 'period 2 then period 1, window = period 1');
  });
  check(
    'the log keeps features, never the message text',
    2,
    `${LOG}: prepareInsert() stores JSON.stringify(textFeatures(text)), not the text`,
    async () => {
      const { all } = await periodTwo();
      // Distinctive pieces of the replayed mail: a quarter of the way into each of 20 messages.
      const needles = [...PERIOD1, ...PERIOD2]
        .filter((_, i) => i % 12 === 0)
        .map((t) => t.slice(Math.floor(t.length / 4), Math.floor(t.length / 4) + 24))
        .filter((n) => n.trim().length >= 16);
      const log = (await submission().call(APP, 'inspectLog', [PUBLIC_APP.logFile, needles])) as { rows: number; found: string[] };
      expectEqual(log.rows, all.length, 'rows in the predictions table');
      if (log.found.length > 0)
        throw new Error(`the log holds message text, e.g. ${JSON.stringify(log.found[0])}: store textFeatures(text) instead`);
    },
  );
  check(
    "the log's predictions match what /predict answered, class by class",
    1,
    `${LOG}: prepareInsert() stores each row's prediction`,
    async () => {
      const { all } = await periodTwo();
      const log = (await submission().call(APP, 'inspectLog', [PUBLIC_APP.logFile])) as { predictions: Record<string, number> };
      expectEqual({ ham: log.predictions['ham'] ?? 0, spam: log.predictions['spam'] ?? 0 }, countBy(all), 'rows per prediction in the log');
    },
  );
  check(
    'prediction_probability: cumulative buckets, one series per model version that answered',
    2,
    `${METRICS}: label each observation with the version of the model that answered (model.version), not a constant`,
    async () => {
      const exposition = (await submission().call(APP, 'probabilityExposition', [BATCHES])) as string;
      for (const { model, probabilities } of BATCHES) {
        const labels = { model_version: model.version };
        const got = histogramSeries(exposition, 'prediction_probability', labels);
        if (Object.keys(got.buckets).length === 0) {
          throw new Error(
            `after a batch from model ${model.version}: expected prediction_probability_bucket{model_version="${model.version}",le="…"}, found ${seriesFound(exposition, 'prediction_probability')}`,
          );
        }
        expectEqual(
          got.buckets,
          expectedBuckets(probabilities, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]),
          `prediction_probability_bucket{model_version="${model.version}"} by le (cumulative: each counts every value up to le)`,
        );
        expectEqual(got.count, probabilities.length, `prediction_probability_count{model_version="${model.version}"}`);
      }
    },
  );
});
