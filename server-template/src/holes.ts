import type { AdminGuard, DriftMonitor, ModelRegistry, PredictionLog, Predictor, RequestValidator, ServiceDeps } from './contracts';
import { NotImplementedError } from './errors';

/** Lab ids, as in `solutions/` and `labs/`. */
export const LABS = {
  ship: 'lab-01-ship-the-model',
  harden: 'lab-02-harden-the-api',
  monitor: 'lab-04-monitor',
  version: 'lab-05-version-and-retrain',
} as const;

/**
 * The template's stand-ins for the labs' work. Each answers 501 `not_implemented` naming the lab
 * and where to start, so a learner who runs the template sees what is left instead of a crash.
 */
export const holeRegistry: ModelRegistry = {
  current(): never {
    // Readiness turns this into 503 (no model); the model routes answer 501 naming lab 01.
    throw new NotImplementedError(LABS.ship, 'keep the loaded model and return it from current()');
  },
  load(): Promise<never> {
    return Promise.reject(new NotImplementedError(LABS.ship, 'load models/<name>/<version>/ with loadArtifact'));
  },
  versions(): Promise<never> {
    return Promise.reject(new NotImplementedError(LABS.ship, 'list the version folders under models/<name>/'));
  },
  reload(): Promise<never> {
    return Promise.reject(new NotImplementedError(LABS.version, 'load a version and swap it in atomically'));
  },
  rollback(): Promise<never> {
    return Promise.reject(new NotImplementedError(LABS.version, 'swap back to the previous model'));
  },
};

/**
 * A registry from lab 01's parts (current, load, versions) whose versioning (reload, rollback)
 * is still lab 05's hole.
 */
export function withoutVersioning(registry: Pick<ModelRegistry, 'current' | 'load' | 'versions'>): ModelRegistry {
  return {
    current: () => registry.current(),
    load: (version) => registry.load(version),
    versions: () => registry.versions(),
    reload: holeRegistry.reload,
    rollback: holeRegistry.rollback,
  };
}

export const holeValidator: RequestValidator = {
  parsePredict(): never {
    throw new NotImplementedError(LABS.ship, 'read {"text": …} or {"instances": [{"text": …}]} from the body');
  },
};

export const holePredictor: Predictor = {
  predict(): never {
    throw new NotImplementedError(LABS.ship, 'turn predictProba into {prediction, probability}');
  },
};

/** Records nothing (so /predict works before lab 04); `recent` is the lab's to write. */
export const holePredictionLog: PredictionLog = {
  record() {
    // Intentionally empty: logging predictions is lab 04's job.
  },
  recent(): never {
    throw new NotImplementedError(LABS.monitor, 'store predictions in SQLite and read the latest back');
  },
  close() {
    // Nothing to release.
  },
};

export const holeDrift: DriftMonitor = {
  report(): never {
    throw new NotImplementedError(LABS.monitor, 'compare recent texts with metadata.reference using mlkit/drift');
  },
};

export const holeAdmin: AdminGuard = {
  authorize(): never {
    throw new NotImplementedError(LABS.version, 'check "Authorization: Bearer <ADMIN_TOKEN>" in constant time');
  },
};

/** Every dependency as a hole; override the ones a lab has filled. */
export function holeDeps(overrides: Partial<ServiceDeps> = {}): ServiceDeps {
  return {
    models: holeRegistry,
    validator: holeValidator,
    predictor: holePredictor,
    predictionLog: holePredictionLog,
    drift: holeDrift,
    admin: holeAdmin,
    ...overrides,
  };
}
