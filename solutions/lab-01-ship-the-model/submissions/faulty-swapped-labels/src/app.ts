// @ts-nocheck — a fixture submission: its imports resolve only once staged as labs/<lab>/.
/**
 * Lab 01's service: the template's app with your registry, predictor and request parser plugged
 * in (the other holes stay 501 until their labs). `npm run check` starts it through `createLabApp`.
 */
import pino from 'pino';
import { loadArtifact } from '../../../mlkit/artifact';
import { createApp } from '../../../server-template/src/app';
import { loadConfig } from '../../../server-template/src/config';
import { holeDeps, withoutVersioning } from '../../../server-template/src/holes';
import { predictor } from './predict';
import { DiskModelRegistry } from './registry';
import { basicValidator } from './request';

/**
 * Builds the app and loads the latest model under `models/spam/`.
 * @returns the Express app, ready to answer `POST /predict`
 */
export async function createLabApp(): Promise<unknown> {
  const config = loadConfig({});
  const models = new DiskModelRegistry({ modelsDir: config.modelsDir, name: config.modelName, openArtifact: loadArtifact });
  await models.load();
  const deps = holeDeps({ models: withoutVersioning(models), predictor, validator: basicValidator });
  return createApp(deps, { config, logger: pino({ level: 'silent' }) }).app;
}
