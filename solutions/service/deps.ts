import * as path from 'node:path';
import { repoRoot, type Config } from '../../server-template/src/config';
import type { ServiceDeps } from '../../server-template/src/contracts';
import { StartupError } from '../../server-template/src/bootstrap';
import { DiskModelRegistry, type OpenArtifact } from '../lab-01-ship-the-model/src/registry';
import { predictor } from '../lab-01-ship-the-model/src/predict';
import { contractValidator } from '../lab-02-harden-the-api/src/validate';
import type { PredictionLog } from '../../server-template/src/contracts';
import { openPredictionLog, withLogMetrics } from './log-choice';
import { LogDriftMonitor } from '../lab-04-monitor/src/drift';
import { registerPredictionMetrics } from '../lab-04-monitor/src/metrics';

/** The service's own metrics beyond the template's, for code that checks what /metrics exports (deploy's alert and dashboard tests). */
export { registerPredictionMetrics };
import { bearerGuard } from '../lab-05-version-and-retrain/src/auth';
import { VersionedRegistry } from '../lab-05-version-and-retrain/src/versioning';
import { gatedSource } from './holdout-gate';
import { ReleaseRegistry } from './release/release';

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Every lab's part, wired: the model on disk (lab 01) behind hot swap and rollback (lab 05),
 * the contract's validator (lab 02), the SQLite log, drift monitor and `prediction_probability`
 * histogram (lab 04), the admin guard (lab 05); a reload passes the holdout gate first.
 * @throws StartupError when the model or the log cannot be opened (the message names the file)
 */
export interface ServiceDepsOptions {
  /** JSONL holdout the reload gate evaluates on (default: period 1's test split, datasets/build/spam/test.jsonl). */
  holdoutFile?: string;
}

/** The reference service's parts: its registry also tries candidates (canary, shadow; see release/). */
export interface ReferenceServiceDeps extends ServiceDeps {
  models: ReleaseRegistry;
}

export async function buildServiceDeps(
  config: Config,
  openArtifact: OpenArtifact,
  options: ServiceDepsOptions = {},
): Promise<ReferenceServiceDeps> {
  const disk = new DiskModelRegistry({ modelsDir: config.modelsDir, name: config.modelName, openArtifact });
  // A reload must beat the current model on the holdout (see holdout-gate.ts); rollback is not gated.
  const holdoutFile = options.holdoutFile ?? path.join(repoRoot(), 'datasets', 'build', 'spam', 'test.jsonl');
  const models: VersionedRegistry = new VersionedRegistry(gatedSource(disk, () => models.current(), holdoutFile));
  const where = path.join(config.modelsDir, config.modelName, config.modelVersion ?? '(latest)');
  try {
    await models.load(config.modelVersion);
  } catch (err) {
    throw new StartupError(
      `Cannot load the model ${where}: ${reason(err)}\nTrain one with "npm run train", or set MODELS_DIR / MODEL_VERSION.`,
    );
  }
  let predictionLog: PredictionLog;
  try {
    // SQLite by default; PostgreSQL, shared by every replica, when DATABASE_URL is set.
    predictionLog = openPredictionLog(config);
  } catch (err) {
    throw new StartupError(
      `Cannot open the prediction log ${config.predictionLog}: ${reason(err)}\nSet PREDICTION_LOG to a writable file or :memory:.`,
    );
  }
  // Stable and candidate side by side; a candidate opens through the same gated source as a reload.
  const release = new ReleaseRegistry(models);
  const predictionMetrics = withLogMetrics(predictionLog, registerPredictionMetrics);
  return {
    models: release,
    validator: contractValidator,
    predictor,
    predictionLog,
    drift: new LogDriftMonitor(predictionLog, config.driftWindow),
    admin: bearerGuard,
    predictionMetrics: (registry) => {
      release.registerMetrics(registry);
      return predictionMetrics(registry);
    },
  };
}
