/**
 * mlkit/recsys: the recommendation toolkit of the capstone — extract events from the shop's
 * SQLite log, clean them, split by time, fit popularity / item–item / ALS, score with ranking
 * metrics, save and load the result as an artifact.
 */
export * from './types';
export * from './extract';
export * from './clean';
export * from './clean-log';
export * from './split';
export * from './interactions';
export { topK } from './topk';
export { PopularityRecommender, type PopularityJSON } from './popularity';
export { ItemKnnRecommender, type ItemKnnOptions, type ItemKnnJSON } from './item-knn';
export { AlsRecommender, DEFAULT_ALS, type AlsOptions, type AlsJSON } from './als';
export * from './metrics';
export * from './evaluate';
export * from './artifact';
