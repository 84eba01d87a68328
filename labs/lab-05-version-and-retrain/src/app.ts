/**
 * Lab 05's service: the earlier labs' service (lab 01's registry reading the versions on disk,
 * checksums verified, and its `POST /predict` route; lab 02's validator in that route) with your
 * versioned registry, holdout gate and admin guard: the route answers with the model your
 * registry's `current()` gives. The earlier labs' files are imported from `../../lab-0N-…/`:
 * your own while you work in `labs/`, and when `npm run check` or `npm run grade` is given your
 * labs folder; the reference solutions where you have not changed their starters. `npm run check` starts the app through `createLabApp` with versions written by
 * `writeVersions`, some of them copies of what your `retrain()` wrote.
 */
import pino from 'pino';
import { loadArtifact } from '../../../mlkit/artifact';
import { createApp } from '../../../server-template/src/app';
import { loadConfig } from '../../../server-template/src/config';
import { HttpError } from '../../../server-template/src/errors';
import { holeDeps } from '../../../server-template/src/holes';
import { labRoutes, requestLimits } from '../../lab-01-ship-the-model/src/app';
import { DiskModelRegistry } from '../../lab-01-ship-the-model/src/registry';
import { contractValidator } from '../../lab-02-harden-the-api/src/validate';
import { bearerGuard } from './auth';
import { GATE_BOOTSTRAP, holdoutGate, type BootstrapSettings } from './gate';
import type { Holdout } from './holdout';
import { period2Holdout } from './period2';
import { writeVersions, type VersionSpec } from './model-store';
import { VersionedRegistry } from './versioning';

export interface LabAppOptions {
  /** ADMIN_TOKEN (at least 16 characters). */
  token: string;
  /** Versions to serve, written from the committed model (default: only 1.0.0). */
  versions?: VersionSpec[];
  /** A version folder your `retrain()` wrote: the source of versions with `weights: 'retrained'`. */
  retrained?: string;
  /** The version answering at start (default 1.0.0). */
  start?: string;
  /** Bootstrap settings of the holdout gate (default 1,000 resamples, seed 0); `false`: no gate. */
  gate?: BootstrapSettings | false;
  /** Previous models kept for rollback. */
  keep?: number;
  /** `false`: the gate has no holdout to read (as on a machine without the datasets built). */
  holdout?: false;
}

/** The gate's holdout when there is none: 503, like the reference service without its holdout file. */
function missingHoldout(): Holdout {
  throw new HttpError(503, 'gate_unavailable', 'No holdout to evaluate the candidate on. The current model keeps answering.');
}

/** Builds the app with `start` loaded behind your registry, and the admin endpoints behind your guard. */
export async function createLabApp(options: LabAppOptions): Promise<unknown> {
  const config = { ...loadConfig({}), adminToken: options.token };
  const modelsDir = writeVersions(config.modelsDir, options.versions ?? [{ version: '1.0.0' }], options.retrained);
  // Lab 01's registry is the source: it opens a version without making it current, which is
  // all a swap needs; which version answers is your VersionedRegistry's business.
  const disk = new DiskModelRegistry({ modelsDir, name: config.modelName, openArtifact: loadArtifact });
  // The gate measures on the second half of period 2, which no version trained on.
  const holdout = options.holdout === false ? missingHoldout : period2Holdout;
  const gate = options.gate === false ? undefined : holdoutGate(holdout, options.gate ?? GATE_BOOTSTRAP);
  const models = new VersionedRegistry(disk, { gate, keep: options.keep });
  await models.load(options.start ?? '1.0.0');
  const deps = holeDeps({ models, admin: bearerGuard });
  const routes = labRoutes({ models, validator: contractValidator, limits: requestLimits(config) });
  return createApp(deps, { config, logger: pino({ level: 'silent' }), routes }).app;
}
