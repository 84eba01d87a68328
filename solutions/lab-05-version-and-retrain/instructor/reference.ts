/**
 * What the instructor checks compare the gate's and the retrain's numbers against, measured
 * here with the toolkit. Kept out of the public checks: it spells out the paired bootstrap.
 */
import * as path from 'node:path';
import { readSpamSplit, type SpamRow } from '../../../datasets/read';
import { loadArtifact } from '../../../mlkit/artifact';
import { applyThreshold, bootstrapCI, confusionMatrix, f1 } from '../../../mlkit/metrics';
import { labelledHalf } from '../grader/expected';

/** The committed model's folder (1.0.0, and the weights of 1.0.1 and 1.0.2). */
export const COMMITTED = path.resolve(__dirname, '../../../models/spam/1.0.0');

const labels = (rows: readonly SpamRow[]): number[] => rows.map((r) => (r.label === 'spam' ? 1 : 0));

let holdout: { texts: string[]; labels: number[] } | undefined;

function holdoutSet(): { texts: string[]; labels: number[] } {
  const rows = labelledHalf().holdout;
  holdout ??= { texts: rows.map((r) => r.text), labels: labels(rows) };
  return holdout;
}

const scored = new Map<string, { threshold: number; scores: number[] }>();

/** The holdout labels and a saved model's 0/1 predictions there, at `threshold` (default: its own); scored once per folder. */
export function holdoutPredictions(dir: string, threshold?: number): { labels: number[]; pred: Uint8Array } {
  const { texts, labels: y } = holdoutSet();
  let model = scored.get(dir);
  if (!model) {
    const artifact = loadArtifact(dir);
    model = { threshold: artifact.threshold, scores: artifact.predictProba(texts) };
    scored.set(dir, model);
  }
  return { labels: y, pred: applyThreshold(model.scores, threshold ?? model.threshold) };
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
}

/** The rows a retrain chooses its threshold on: period 1's validation split and the last quarter of the labelled half. */
export function tuneRows(): { texts: string[]; labels: (0 | 1)[] } {
  const { labelled } = labelledHalf();
  const rows = [...readSpamSplit('validation'), ...labelled.slice(Math.floor(0.75 * labelled.length))];
  return { texts: rows.map((r) => r.text), labels: rows.map((r) => (r.label === 'spam' ? 1 : 0)) };
}
