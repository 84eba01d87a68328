// @ts-nocheck — a fixture submission: its imports resolve only once staged as labs/<lab>/.
/**
 * Lab 04's service: the template's app with the earlier labs' parts in short (the committed
 * model, its threshold, a plain request reader) and your prediction log and drift monitor.
 * `npm run check` starts it through `createLabApp` and reads the log with `inspectLog`.
 */
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { loadArtifact } from '../../../mlkit/artifact';
import { createApp } from '../../../server-template/src/app';
import { loadConfig } from '../../../server-template/src/config';
import type { LoadedModel, Predictor, RequestValidator } from '../../../server-template/src/contracts';
import { HttpError } from '../../../server-template/src/errors';
import { holeDeps, withoutVersioning } from '../../../server-template/src/holes';
import { LogDriftMonitor } from './drift';
import { SqlitePredictionLog } from './prediction-log';

/** Lab 01's answer, in short: spam when `probability >= threshold`. */
const predictor: Predictor = {
  predict: (model, texts) => model.predictProba(texts).map((probability) => ({ prediction: probability >= model.threshold ? 'spam' : 'ham', probability })),
};

/** Lab 01's request reader, in short (lab 02 hardens it; here well-formed traffic is enough). */
const validator: RequestValidator = {
  parsePredict(body) {
    const b = body as { text?: unknown; instances?: unknown } | null;
    if (typeof b?.text === 'string') return { kind: 'single', texts: [b.text] };
    const texts = Array.isArray(b?.instances) ? b.instances.map((i: { text?: unknown } | null) => i?.text) : [];
    if (texts.length > 0 && texts.every((t): t is string => typeof t === 'string')) return { kind: 'batch', texts };
    throw new HttpError(400, 'invalid_request', 'Send {"text": "…"} or {"instances": [{"text": "…"}, …]}.');
  },
};

/** `models/<name>/<version>/`, checksums verified, as the model that answers. */
function diskModel(modelsDir: string, name: string, version: string): LoadedModel {
  const artifact = loadArtifact(path.join(modelsDir, name, version));
  return {
    info: { name, version },
    threshold: artifact.threshold,
    metadata: artifact.metadata as unknown as Readonly<Record<string, unknown>>,
    predictProba: (texts) => artifact.predictProba(texts),
  };
}

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

/** Builds the app with the model loaded, your log recording every prediction, and your drift monitor. */
export function createLabApp(options: LabAppOptions = {}): unknown {
  const config = loadConfig({});
  const model = diskModel(config.modelsDir, config.modelName, config.modelVersion ?? '1.0.0');
  const models = withoutVersioning({ current: () => model, load: async () => model, versions: async () => [model.info.version] });
  const predictionLog = new SqlitePredictionLog({ file: logPath(options.logFile ?? ':memory:') });
  const drift = new LogDriftMonitor(predictionLog, options.driftWindow ?? config.driftWindow);
  const deps = holeDeps({ models, predictor, validator, predictionLog, drift });
  return createApp(deps, { config, logger: pino({ level: 'silent' }) }).app;
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
