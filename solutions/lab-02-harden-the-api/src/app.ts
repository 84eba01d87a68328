/**
 * Lab 02's service: the template's app with lab 01's parts (the registry that loads the model
 * with its checksum verified, the predictor that applies the threshold) and your validator.
 * Lab 01's files are imported from `../../lab-01-ship-the-model/`: your own lab 01 while you work
 * in `labs/`, its reference solution when `npm run check` or `npm run grade` scores this lab,
 * so this lab's score depends only on this lab's work. `npm run check` starts the app through
 * `createLabApp`, sometimes with tighter limits so the checks stay small; `src/main.ts` runs the
 * same parts as a process of its own, the way the service ships.
 */
import pino from 'pino';
import { loadArtifact } from '../../../mlkit/artifact';
import { createApp } from '../../../server-template/src/app';
import { loadConfig, type Config } from '../../../server-template/src/config';
import type { ServiceDeps } from '../../../server-template/src/contracts';
import { holeDeps, withoutVersioning } from '../../../server-template/src/holes';
import { predictor } from '../../lab-01-ship-the-model/src/predict';
import { servedModelsDir } from '../../lab-01-ship-the-model/src/models-folder';
import { DiskModelRegistry } from '../../lab-01-ship-the-model/src/registry';
import { contractValidator } from './validate';

/**
 * Builds the app with the model loaded (the configured version, else the latest on disk).
 * @param limits optional `{ maxTextChars, maxBatch, maxBatchChars }` overriding the configuration's defaults
 */
export async function createLabApp(limits: { maxTextChars?: number; maxBatch?: number; maxBatchChars?: number } = {}): Promise<unknown> {
  const config = { ...loadConfig({}), ...limits };
  return createApp(await createLabDeps(config), { config, logger: pino({ level: 'silent' }) }).app;
}

/** The service's parts for this lab: lab 01's registry (your own model if you exported one) and predictor, your validator. */
export async function createLabDeps(config: Config): Promise<ServiceDeps> {
  // Your own export from notebook 04 (lab 01's models/) when you have one, as lab 01 serves it.
  // Graded, lab 01's folder holds its reference answers and no models/, so the checks run the course's model.
  const modelsDir = servedModelsDir(config.modelsDir, config.modelName);
  const models = new DiskModelRegistry({ modelsDir, name: config.modelName, openArtifact: loadArtifact });
  await models.load(config.modelVersion);
  return holeDeps({ models: withoutVersioning(models), predictor, validator: contractValidator });
}
