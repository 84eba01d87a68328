/**
 * Cross-validation, grid search and learning curves, written against two callbacks so they
 * work with any model: `fit(trainRows) → predictor` and `score(predictor, testRows) → number`.
 */
import { shuffle } from '../data/random';
import { type Fold, stratifiedKFold } from './split';

/** What cross-validation needs to know about a model. */
export interface Estimator<M> {
  /** Train on these row indices. */
  fit(trainRows: readonly number[]): M;
  /** Score a trained model on these row indices (higher is better). */
  score(model: M, testRows: readonly number[]): number;
}

export interface CvResult {
  /** One score per fold. */
  readonly scores: number[];
  readonly mean: number;
  /** Sample standard deviation over folds (n − 1). */
  readonly std: number;
}

export function summarize(scores: number[]): CvResult {
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const variance = scores.length > 1 ? scores.reduce((a, s) => a + (s - mean) ** 2, 0) / (scores.length - 1) : 0;
  return { scores, mean, std: Math.sqrt(variance) };
}

/** Fit and score once per fold. */
export function crossValidate<M>(estimator: Estimator<M>, folds: readonly Fold[]): CvResult {
  if (folds.length === 0) throw new RangeError('crossValidate needs at least one fold');
  return summarize(folds.map((f) => estimator.score(estimator.fit(f.train), f.test)));
}

/** Every combination of the listed values: `{a: [1, 2], b: ['x']}` → `[{a: 1, b: 'x'}, {a: 2, b: 'x'}]`. */
export function parameterGrid<P extends Record<string, unknown>>(grid: { readonly [K in keyof P]: readonly P[K][] }): P[] {
  let out: Record<string, unknown>[] = [{}];
  for (const key of Object.keys(grid)) {
    const values = grid[key as keyof P] as readonly unknown[];
    if (values.length === 0) throw new RangeError(`parameter grid: "${key}" has no values`);
    out = out.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  }
  return out as P[];
}

export interface GridSearchResult<P> {
  readonly best: { readonly params: P; readonly cv: CvResult };
  /** Every candidate, in grid order. */
  readonly results: { readonly params: P; readonly cv: CvResult }[];
}

/**
 * Cross-validate each parameter combination; the best mean score wins (first in grid order on ties).
 * @param makeEstimator builds the estimator for one combination.
 */
export function gridSearch<P extends Record<string, unknown>, M>(
  grid: { readonly [K in keyof P]: readonly P[K][] },
  makeEstimator: (params: P) => Estimator<M>,
  folds: readonly Fold[],
): GridSearchResult<P> {
  const results = parameterGrid<P>(grid).map((params) => ({ params, cv: crossValidate(makeEstimator(params), folds) }));
  const best = results.reduce((a, b) => (b.cv.mean > a.cv.mean ? b : a));
  return { best, results };
}

export interface LearningCurvePoint {
  /** Number of training rows used. */
  readonly trainSize: number;
  /** Mean score on the rows trained on. */
  readonly trainScore: number;
  /** Mean score on the held-out fold. */
  readonly testScore: number;
}

/**
 * Learning curve: train on growing shares of each training fold and score on both the rows
 * used and the held-out fold. A persistent gap means overfitting; two low curves, underfitting.
 * @param labels row labels, for stratified folds.
 * @param shares training shares in (0, 1], e.g. [0.1, 0.3, 1].
 */
export function learningCurve<M>(
  estimator: Estimator<M>,
  labels: ArrayLike<number | string>,
  shares: readonly number[],
  k = 5,
  seed = 0,
): LearningCurvePoint[] {
  const folds = stratifiedKFold(labels, k, seed);
  return shares.map((share) => {
    if (!(share > 0 && share <= 1)) throw new RangeError(`learning curve shares must be in (0, 1], got ${share}`);
    const train: number[] = [],
      test: number[] = [];
    let size = 0;
    for (const f of folds) {
      // Training rows are in index order; take a prefix of a seeded shuffle so sizes nest.
      const rows = shuffledPrefix(f.train, share, seed);
      size = rows.length;
      const model = estimator.fit(rows);
      train.push(estimator.score(model, rows));
      test.push(estimator.score(model, f.test));
    }
    return { trainSize: size, trainScore: summarize(train).mean, testScore: summarize(test).mean };
  });
}

function shuffledPrefix(rows: readonly number[], share: number, seed: number): number[] {
  return shuffle(rows, seed)
    .slice(0, Math.max(1, Math.round(rows.length * share)))
    .sort((a, b) => a - b);
}
