// @ts-nocheck — a fixture submission: its imports resolve only once staged as labs/<lab>/.
/**
 * Lab 02's service: the template's app with lab 01's parts (the registry that loads the model
 * with its checksum verified, the predictor that applies the threshold) and your validator.
 * Lab 01's files are imported from `../../lab-01-ship-the-model/`: your own lab 01 while you work
 * in `labs/`, its reference solution when `npm run check` or `npm run grade` scores this lab,
 * so this lab's score depends only on this lab's work. `npm run check` starts the app through
 * `createLabApp`, sometimes with tighter limits so the checks stay small.
 */
import pino from 'pino';
import { loadArtifact } from '../../../mlkit/artifact';
import { createApp } from '../../../server-template/src/app';
import { loadConfig } from '../../../server-template/src/config';
import { holeDeps, withoutVersioning } from '../../../server-template/src/holes';
import { predictor } from '../../lab-01-ship-the-model/src/predict';
import { DiskModelRegistry } from '../../lab-01-ship-the-model/src/registry';
import { contractValidator } from './validate';

/**
 * Builds the app with the model loaded (the configured version, else the latest on disk).
 * @param limits optional `{ maxTextChars, maxBatch }` overriding the configuration's defaults
 */
export async function createLabApp(limits: { maxTextChars?: number; maxBatch?: number } = {}): Promise<unknown> {
  const config = { ...loadConfig({}), ...limits };
  const models = new DiskModelRegistry({ modelsDir: config.modelsDir, name: config.modelName, openArtifact: loadArtifact });
  await models.load(config.modelVersion);
  const deps = holeDeps({ models: withoutVersioning(models), predictor, validator: contractValidator });
  return createApp(deps, { config, logger: pino({ level: 'silent' }) }).app;
}
