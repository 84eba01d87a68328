/**
 * Lab 05's service: the template's app with the earlier labs' parts (lab 01's registry reading
 * the versions on disk, checksums verified, and its predictor; lab 02's validator) and your
 * versioned registry and admin guard. The earlier labs' files are imported from
 * `../../lab-0N-…/`: your own while you work in `labs/`, their reference solutions when
 * `npm run check` or `npm run grade` scores this lab, so this lab's score depends only on this
 * lab's work. `npm run check` starts the app through `createLabApp` with versions written by
 * `writeVersions`.
 */
import pino from 'pino';
import { loadArtifact } from '../../../mlkit/artifact';
import { createApp } from '../../../server-template/src/app';
import { loadConfig } from '../../../server-template/src/config';
import { holeDeps } from '../../../server-template/src/holes';
import { predictor } from '../../lab-01-ship-the-model/src/predict';
import { DiskModelRegistry } from '../../lab-01-ship-the-model/src/registry';
import { contractValidator } from '../../lab-02-harden-the-api/src/validate';
import { bearerGuard } from './auth';
import { writeVersions, type VersionSpec } from './model-store';
import { VersionedRegistry, type EvaluationGate } from './versioning';

export interface LabAppOptions {
  /** ADMIN_TOKEN (at least 16 characters). */
  token: string;
  /** Versions to serve, written from the committed model (default: only 1.0.0). */
  versions?: VersionSpec[];
  /** The version answering at start (default 1.0.0). */
  start?: string;
  gate?: EvaluationGate;
  /** Previous models kept for rollback. */
  keep?: number;
}

/** Builds the app with `start` loaded behind your registry, and the admin endpoints behind your guard. */
export async function createLabApp(options: LabAppOptions): Promise<unknown> {
  const config = { ...loadConfig({}), adminToken: options.token };
  const modelsDir = writeVersions(config.modelsDir, options.versions ?? [{ version: '1.0.0' }]);
  // Lab 01's registry is the source: it opens a version without making it current, which is
  // all a swap needs; which version answers is your VersionedRegistry's business.
  const disk = new DiskModelRegistry({ modelsDir, name: config.modelName, openArtifact: loadArtifact });
  const models = new VersionedRegistry(disk, { gate: options.gate, keep: options.keep });
  await models.load(options.start ?? '1.0.0');
  const deps = holeDeps({ models, predictor, validator: contractValidator, admin: bearerGuard });
  return createApp(deps, { config, logger: pino({ level: 'silent' }) }).app;
}
