/** What lab 05's checks compare against, computed here from the datasets and the toolkit (once per run: ./cache). */
import * as path from 'node:path';
import { readManifest, type SpamRow, type SpamSplit } from '../../../datasets/read';
import { applyThreshold, confusionMatrix, evaluateScores, f1, type MetricsReport } from '../../../mlkit/metrics';
import { cached, labelledHalf, labelsOf, scoresOf, split } from './cache';

export { labelledHalf } from './cache';

/** The committed model's folder (1.0.0, and the weights of 1.0.1 and 1.0.2). */
export const COMMITTED = path.resolve(__dirname, '../../../models/spam/1.0.0');

function entry(name: SpamSplit, rows: readonly SpamRow[]): Record<string, unknown> {
  const ham = rows.filter((r) => r.label === 'ham').length;
  return {
    file: `datasets/build/spam/${name}.jsonl`,
    sha256: readManifest().files[`spam/${name}.jsonl`].sha256,
    rows: rows.length,
    spam: rows.length - ham,
    ham,
  };
}

/** metadata.training_data of a retrain done as the brief says (the holdout half in no entry). */
export function expectedTrainingData(): Record<string, unknown> {
  return cached('training data', () => {
    const { labelled } = labelledHalf();
    const tuneFrom = Math.floor(0.75 * labelled.length);
    return {
      train: entry('train', split('train')),
      production_labelled: entry('production', labelled.slice(0, tuneFrom)),
      validation: entry('validation', split('validation')),
      production_tune: entry('production', labelled.slice(tuneFrom)),
    };
  });
}

/** The saved model's own metrics on period 1's test split, at its threshold. */
export function measuredTestMetrics(dir: string): MetricsReport {
  const { threshold, scores } = scoresOf(dir, 'test');
  return evaluateScores(labelsOf('test'), scores, threshold);
}

/** F1 of the committed model 1.0.0 on the gate's holdout (the second half of period 2), at its threshold. */
export function committedHoldoutF1(): number {
  const { threshold, scores } = scoresOf(COMMITTED, 'holdout', false);
  return f1(confusionMatrix(labelsOf('holdout'), applyThreshold(scores, threshold)));
}

/** Rows of the gate's holdout. */
export function holdoutRows(): number {
  return labelsOf('holdout').length;
}
