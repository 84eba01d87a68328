import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { ConfigError, loadConfig } from '../../server-template/src/config';
import { SqlitePredictionLog } from '../lab-04-monitor/src/prediction-log';
import { registerPredictionMetrics } from '../lab-04-monitor/src/metrics';
import { openPredictionLog, withLogMetrics } from './log-choice';
import { PostgresPredictionLog } from './postgres-log';

const config = (env: Record<string, string>) => loadConfig({ PREDICTION_LOG: ':memory:', LOG_LEVEL: 'silent', ...env });

describe('choosing the prediction log (DATABASE_URL)', () => {
  it('keeps the embedded SQLite log when DATABASE_URL is unset', () => {
    const log = openPredictionLog(config({}));
    try {
      assert.ok(log instanceof SqlitePredictionLog);
    } finally {
      log.close();
    }
  });

  it("writes to PostgreSQL when DATABASE_URL is set, and adds the log's metrics to /metrics", async () => {
    // Nothing listens on port 1: the log connects lazily, so opening and closing it never fails.
    const log = openPredictionLog(config({ DATABASE_URL: 'postgres://spam@127.0.0.1:1/predictions' }));
    try {
      assert.ok(log instanceof PostgresPredictionLog);
      const registry = new Registry();
      withLogMetrics(log, registerPredictionMetrics)(registry);
      const names = (await registry.getMetricsAsJSON()).map((m) => m.name).sort();
      assert.deepEqual(names, [
        'prediction_log_buffered_rows',
        'prediction_log_dropped_rows_total',
        'prediction_log_errors_total',
        'prediction_probability',
      ]);
    } finally {
      await log.close();
    }
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, without printing it (it holds a password)', () => {
    assert.throws(
      () => config({ DATABASE_URL: 'mysql://root:hunter2@db/x' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
        assert.doesNotMatch(err.message, /hunter2/);
        return true;
      },
    );
  });
});
