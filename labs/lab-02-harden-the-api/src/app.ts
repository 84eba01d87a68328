/**
 * Lab 02's service: lab 01's service (its registry, which loads the model with its checksum
 * verified, and its `POST /predict` route) with your validator plugged into that route. Lab 01's
 * files are imported from `../../lab-01-ship-the-model/`: your own lab 01 while you work in
 * `labs/`, and when `npm run check` or `npm run grade` is given your labs folder; the reference
 * solution where you have not changed lab 01's starter. The checks say which route and model they ran.
 * `npm run check` starts the app through `createLabApp`, sometimes with tighter limits so the
 * checks stay small; `src/main.ts` runs the same parts as a process of its own, the way the service ships.
 */
import pino from 'pino';
import { loadArtifact } from '../../../mlkit/artifact';
import { type AppOptions, createApp } from '../../../server-template/src/app';
import { loadConfig, type Config } from '../../../server-template/src/config';
import type { ServiceDeps } from '../../../server-template/src/contracts';
import { holeDeps, withoutVersioning } from '../../../server-template/src/holes';
import { labRoutes, requestLimits } from '../../lab-01-ship-the-model/src/app';
import { servedModelsDir } from '../../lab-01-ship-the-model/src/models-folder';
import { DiskModelRegistry } from '../../lab-01-ship-the-model/src/registry';
import { contractValidator } from './validate';

/**
 * Builds the app with the model loaded (the configured version, else the latest on disk).
 * @param limits optional `{ maxTextChars, maxBatch, maxBatchChars }` overriding the configuration's defaults
 */
export async function createLabApp(limits: { maxTextChars?: number; maxBatch?: number; maxBatchChars?: number } = {}): Promise<unknown> {
  const config = { ...loadConfig({}), ...limits };
  const { deps, routes } = await createLabService(config);
  return createApp(deps, { config, logger: pino({ level: 'silent' }), routes }).app;
}

/** This lab's service: its parts, and the route that answers `POST /predict`. */
export interface LabService {
  deps: ServiceDeps;
  /** Lab 01's route with your validator (`createApp`'s and `launch`'s `routes` option). */
  routes: NonNullable<AppOptions['routes']>;
}

/** The service's parts for this lab: lab 01's registry (your own model if you exported one) and route, your validator. */
export async function createLabService(config: Config): Promise<LabService> {
  // Your own export from notebook 04 (lab 01's models/) when you have one, as lab 01 serves it.
  const modelsDir = servedModelsDir(config.modelsDir, config.modelName);
  const models = new DiskModelRegistry({ modelsDir, name: config.modelName, openArtifact: loadArtifact });
  await models.load(config.modelVersion);
  const deps = holeDeps({ models: withoutVersioning(models) });
  return { deps, routes: labRoutes({ models, validator: contractValidator, limits: requestLimits(config) }) };
}
