/**
 * What the instructor checks compare the gate's and the retrain's numbers against, measured
 * here with the toolkit (once per grading run: ../grader/cache). Kept out of the public checks:
 * it spells out the paired bootstrap.
 */
import { applyThreshold, bootstrapCI, confusionMatrix, f1 } from '../../../mlkit/metrics';
import { cached, digest, labelsOf, scoresOf, textsOf } from '../grader/cache';
import { COMMITTED } from '../grader/expected';

export { COMMITTED } from '../grader/expected';

/** The holdout labels and a saved model's 0/1 predictions there, at `threshold` (default: its own). */
export function holdoutPredictions(dir: string, threshold?: number): { labels: number[]; pred: Uint8Array } {
  const model = scoresOf(dir, 'holdout', dir !== COMMITTED);
  return { labels: labelsOf('holdout'), pred: applyThreshold(model.scores, threshold ?? model.threshold) };
}

/** F1 of 0/1 predictions against labels. */
export function f1Of(y: readonly number[], pred: ArrayLike<number>): number {
  return f1(confusionMatrix(y, pred));
}

/** F1(candidate) − F1(current) with its paired-bootstrap interval: the same drawn rows score both. */
export function referenceGain(
  y: readonly number[],
  current: ArrayLike<number>,
  candidate: ArrayLike<number>,
  settings: { resamples: number; seed: number },
): { estimate: number; low: number; high: number } {
  const key = digest('paired F1 gain', JSON.stringify(y), Uint8Array.from(current), Uint8Array.from(candidate), JSON.stringify(settings));
  return cached(key, () => {
    const rows = Float64Array.from(y, (_, i) => i);
    const on = (pred: ArrayLike<number>, yDrawn: Float64Array, idx: Float64Array): number =>
      f1(
        confusionMatrix(
          yDrawn,
          Array.from(idx, (i) => pred[i] as number),
        ),
      );
    const ci = bootstrapCI(y, rows, (yDrawn, idx) => on(candidate, yDrawn, idx) - on(current, yDrawn, idx), settings);
    return { estimate: ci.estimate, low: ci.low, high: ci.high };
  });
}

/** The rows a retrain chooses its threshold on: period 1's validation split and the last quarter of the labelled half. */
export function tuneRows(): { texts: string[]; labels: (0 | 1)[] } {
  return { texts: textsOf('tune'), labels: labelsOf('tune') };
}
