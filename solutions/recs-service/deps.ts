/**
 * The recommendation service's parts: the spam API's registry classes over `models/recs/`
 * (lab 01's `DiskModelRegistry` behind lab 05's `VersionedRegistry`, so `POST /admin/reload`
 * and `/admin/rollback` swap recommenders), lab 05's bearer guard for the admin routes, and the
 * template's stand-ins for what a recommender does not have (no prediction log, no drift report).
 */
import * as path from 'node:path';
import { StartupError } from '../../server-template/src/bootstrap';
import type { Config } from '../../server-template/src/config';
import type { DriftMonitor, RequestValidator, ServiceDeps } from '../../server-template/src/contracts';
import { HttpError } from '../../server-template/src/errors';
import { holeDeps } from '../../server-template/src/holes';
import { DiskModelRegistry, type OpenArtifact } from '../lab-01-ship-the-model/src/registry';
import { bearerGuard } from '../lab-05-version-and-retrain/src/auth';
import { VersionedRegistry } from '../lab-05-version-and-retrain/src/versioning';
import { openRecsArtifact } from './artifact';

/** `POST /predict` is the spam API's: say where to go instead of a 501 naming a lab. */
const noSpamRoutes: RequestValidator = {
  parsePredict(): never {
    throw new HttpError(404, 'not_found', 'This is the recommendation service: POST /predict is the spam API (port 3000).');
  },
};

const noDrift: DriftMonitor = {
  report(): never {
    throw new HttpError(404, 'not_found', 'The recommendation service has no drift report; watch the fallback share instead.');
  },
};

/**
 * @throws StartupError when the model cannot be loaded (the message names the folder)
 */
export async function buildRecsDeps(config: Config, openArtifact: OpenArtifact = openRecsArtifact): Promise<ServiceDeps> {
  const disk = new DiskModelRegistry({ modelsDir: config.modelsDir, name: config.modelName, openArtifact });
  // No evaluation gate here: the retraining job measures a candidate before it writes it.
  const models = new VersionedRegistry(disk);
  try {
    await models.load(config.modelVersion);
  } catch (err) {
    const where = path.join(config.modelsDir, config.modelName, config.modelVersion ?? '(latest)');
    const reason = err instanceof Error ? err.message : String(err);
    throw new StartupError(
      `Cannot load the recommender ${where}: ${reason}\nTrain one with "npm run recs:train", or set MODELS_DIR / MODEL_VERSION.`,
    );
  }
  return holeDeps({ models, validator: noSpamRoutes, drift: noDrift, admin: bearerGuard });
}
