/**
 * Lab 04's service: the earlier labs' service (lab 01's registry, which loads the model with its
 * checksum verified, and its `POST /predict` route; lab 02's validator in that route) with your
 * prediction log, drift monitor and `prediction_probability` metric. They see the route's traffic
 * through the `record` lab 01's route calls. The earlier labs' files are imported from
 * `../../lab-0N-…/`: your own while you work in `labs/`, and when `npm run check` or `npm run grade`
 * is given your labs folder; the reference solutions where you have not changed their starters. `npm run check` starts the app through `createLabApp` and reads the log with
 * `inspectLog`, restarts the log with `logAcrossRestart`, and tries your metric on a registry of its own
 * with `probabilityExposition`.
 */
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { Registry } from 'prom-client';
import { loadArtifact } from '../../../mlkit/artifact';
import { createApp } from '../../../server-template/src/app';
import { loadConfig } from '../../../server-template/src/config';
import type { LoggedPrediction, ModelInfo, StoredPrediction } from '../../../server-template/src/contracts';
import { holeDeps, withoutVersioning } from '../../../server-template/src/holes';
import { labRoutes, requestLimits } from '../../lab-01-ship-the-model/src/app';
import { DiskModelRegistry } from '../../lab-01-ship-the-model/src/registry';
import { contractValidator } from '../../lab-02-harden-the-api/src/validate';
import { LogDriftMonitor } from './drift';
import { registerPredictionMetrics } from './metrics';
import { SqlitePredictionLog } from './prediction-log';

/** A plain file name lands in the temporary folder, so the checks never write into your lab. */
function logPath(file: string): string {
  return file === ':memory:' || path.isAbsolute(file) ? file : path.join(tmpdir(), file);
}

export interface LabAppOptions {
  /** How many recent predictions a drift report covers (default: DRIFT_WINDOW, 500). */
  driftWindow?: number;
  /** SQLite file of the prediction log: ":memory:" (default), an absolute path, or a name in the temporary folder. */
  logFile?: string;
}

/**
 * Builds the app with the model loaded, your log recording every prediction, your drift monitor,
 * and your metric on the app's registry (the template calls `registerPredictionMetrics` with it,
 * then your observer with every batch lab 01's route records).
 */
export async function createLabApp(options: LabAppOptions = {}): Promise<unknown> {
  const config = loadConfig({});
  const models = new DiskModelRegistry({ modelsDir: config.modelsDir, name: config.modelName, openArtifact: loadArtifact });
  // The committed 1.0.0 rather than the latest on disk: the checks compare your drift report
  // with one made against 1.0.0's reference, and a version you trained yourself would differ.
  await models.load(config.modelVersion ?? '1.0.0');
  const predictionLog = new SqlitePredictionLog({ file: logPath(options.logFile ?? ':memory:') });
  const drift = new LogDriftMonitor(predictionLog, options.driftWindow ?? config.driftWindow);
  const deps = holeDeps({ models: withoutVersioning(models), predictionLog, drift, predictionMetrics: registerPredictionMetrics });
  // Lab 01's route answers /predict; the `record` it calls writes your log and feeds your metric.
  const routes = labRoutes({ models, validator: contractValidator, limits: requestLimits(config) });
  return createApp(deps, { config, logger: pino({ level: 'silent' }), routes }).app;
}

/** What a second reader (a notebook, a backup job) finds in the log file. */
export interface LogInspection {
  journal_mode: string;
  rows: number;
  /** Rows per predicted class, e.g. `{ "ham": 80, "spam": 20 }`. */
  predictions: Record<string, number>;
  model_versions: string[];
  /** Which of the `needles` appear anywhere in the table (message text must not). */
  found: string[];
}

/**
 * Opens the log file read-only, as another process would, and reports what is on disk.
 * Rows still in your buffer are not there yet: read the log through the app first (a drift
 * report calls `recent`, which flushes).
 */
export function inspectLog(file: string, needles: string[] = []): LogInspection {
  const db = new Database(logPath(file), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT * FROM predictions').all() as Record<string, unknown>[];
    const predictions: Record<string, number> = {};
    for (const r of rows) predictions[String(r['prediction'])] = (predictions[String(r['prediction'])] ?? 0) + 1;
    const cells = rows.map((r) => Object.values(r).join('\u0000')).join('\u0000');
    return {
      journal_mode: String(db.pragma('journal_mode', { simple: true })).toLowerCase(),
      rows: rows.length,
      predictions,
      model_versions: [...new Set(rows.map((r) => String(r['model_version'])))].sort(),
      found: needles.filter((n) => cells.includes(n)),
    };
  } finally {
    db.close();
  }
}

/**
 * The log across a restart, as a redeploy sees it: `before` is recorded and the log closed (what
 * a graceful stop does), the same file is opened again, `after` is recorded, and the newest `n`
 * predictions are read back. Nothing recorded before the stop may be lost.
 */
export function logAcrossRestart(file: string, before: LoggedPrediction[], after: LoggedPrediction[], n: number): StoredPrediction[] {
  const first = new SqlitePredictionLog({ file: logPath(file) });
  first.record(before);
  first.close();
  const second = new SqlitePredictionLog({ file: logPath(file) });
  try {
    second.record(after);
    return second.recent(n);
  } finally {
    second.close();
  }
}

/** One batch of answers for `probabilityExposition`. */
export interface ProbabilityBatch {
  model: ModelInfo;
  /** Spam probabilities in [0, 1]; the answer is spam at 0.5 and above. */
  probabilities: number[];
}

/**
 * What your metric prints on a registry of its own after these batches, as `GET /metrics`
 * would: the checks use it to try a model version other than the one the app serves.
 */
export async function probabilityExposition(batches: ProbabilityBatch[]): Promise<string> {
  const registry = new Registry();
  const observe = registerPredictionMetrics(registry);
  for (const { model, probabilities } of batches) {
    observe(
      model,
      probabilities.map((probability) => ({ prediction: probability >= 0.5 ? 'spam' : 'ham', probability })),
    );
  }
  return registry.metrics();
}
