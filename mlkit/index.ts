/**
 * mlkit: the toolkit the notebooks build by hand and then import — text features, models,
 * metrics, model selection, the spam pipeline, model artifacts, plus drift statistics and plots
 * (as the `drift` and `plots` namespaces, whose names would otherwise clash with metrics).
 *
 * ```ts
 * import { trainSpamClassifier, rocAuc, loadArtifact } from '../mlkit';
 * ```
 */
export * from './text';
export * from './models';
export * from './metrics';
export * from './selection';
export * from './pipeline';
export * from './artifact';
export { mulberry32, shuffle } from './data/random';
export * as drift from './drift';
export * as plots from './plots';
export * as recsys from './recsys';
