// @ts-nocheck — a fixture submission: its imports resolve only once staged as labs/<lab>/.
/**
 * Lab 02's service: the template's app with lab 01's parts (model on disk, checksum verified by
 * `loadArtifact`, threshold applied) and your validator. `npm run check` starts it through
 * `createLabApp`, sometimes with tighter limits so the checks stay small.
 */
import pino from 'pino';
import { loadArtifact } from '../../../mlkit/artifact';
import { createApp } from '../../../server-template/src/app';
import { loadConfig } from '../../../server-template/src/config';
import type { LoadedModel, Predictor } from '../../../server-template/src/contracts';
import { holeDeps, withoutVersioning } from '../../../server-template/src/holes';
import { contractValidator } from './validate';

/** Lab 01's answer, in short: spam when `probability >= threshold`. */
const predictor: Predictor = {
  predict: (model, texts) => model.predictProba(texts).map((probability) => ({ prediction: probability >= model.threshold ? 'spam' : 'ham', probability })),
};

/** Loads `models/spam/<latest>/` once (checksums verified) as the model that answers. */
function diskModel(modelsDir: string, name: string, version: string): LoadedModel {
  const artifact = loadArtifact(`${modelsDir}/${name}/${version}`);
  return {
    info: { name, version },
    threshold: artifact.threshold,
    metadata: artifact.metadata as unknown as Readonly<Record<string, unknown>>,
    predictProba: (texts) => artifact.predictProba(texts),
  };
}

/**
 * Builds the app with the model loaded.
 * @param limits optional `{ maxTextChars, maxBatch }` overriding the configuration's defaults
 */
export function createLabApp(limits: { maxTextChars?: number; maxBatch?: number } = {}): unknown {
  const config = { ...loadConfig({}), ...limits };
  const model = diskModel(config.modelsDir, config.modelName, config.modelVersion ?? '1.0.0');
  const models = withoutVersioning({ current: () => model, load: async () => model, versions: async () => [model.info.version] });
  const deps = holeDeps({ models, predictor, validator: contractValidator });
  return createApp(deps, { config, logger: pino({ level: 'silent' }) }).app;
}
