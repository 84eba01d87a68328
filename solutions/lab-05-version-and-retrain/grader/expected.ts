/** What lab 05's checks compare against, computed here from the datasets and the toolkit. */
import * as path from 'node:path';
import { readManifest, readSpamSplit, type SpamRow, type SpamSplit } from '../../../datasets/read';
import { loadArtifact } from '../../../mlkit/artifact';
import { applyThreshold, confusionMatrix, evaluateScores, f1, type MetricsReport } from '../../../mlkit/metrics';

function entry(split: SpamSplit, rows: readonly SpamRow[]): Record<string, unknown> {
  const ham = rows.filter((r) => r.label === 'ham').length;
  return {
    file: `datasets/build/spam/${split}.jsonl`,
    sha256: readManifest().files[`spam/${split}.jsonl`].sha256,
    rows: rows.length,
    spam: rows.length - ham,
    ham,
  };
}

/** Period 2 in date order, cut in half: the labelled mail a retrain may use, then the gate's holdout. */
export function labelledHalf(): { labelled: SpamRow[]; holdout: SpamRow[] } {
  const production = readSpamSplit('production');
  const half = Math.floor(production.length / 2);
  return { labelled: production.slice(0, half), holdout: production.slice(half) };
}

/** metadata.training_data of a retrain done as the brief says (the holdout half in no entry). */
export function expectedTrainingData(): Record<string, unknown> {
  const { labelled } = labelledHalf();
  const tuneFrom = Math.floor(0.75 * labelled.length);
  return {
    train: entry('train', readSpamSplit('train')),
    production_labelled: entry('production', labelled.slice(0, tuneFrom)),
    validation: entry('validation', readSpamSplit('validation')),
    production_tune: entry('production', labelled.slice(tuneFrom)),
  };
}

/** The saved model's own metrics on period 1's test split, at its threshold. */
export function measuredTestMetrics(dir: string): MetricsReport {
  const model = loadArtifact(dir);
  const testRows = readSpamSplit('test');
  return evaluateScores(
    testRows.map((r) => (r.label === 'spam' ? 1 : 0)),
    model.predictProba(testRows.map((r) => r.text)),
    model.threshold,
  );
}

/** F1 of the committed model 1.0.0 on the gate's holdout (the second half of period 2), at its threshold. */
export function committedHoldoutF1(): number {
  const model = loadArtifact(path.resolve(__dirname, '../../../models/spam/1.0.0'));
  const { holdout } = labelledHalf();
  const pred = applyThreshold(model.predictProba(holdout.map((r) => r.text)), model.threshold);
  return f1(
    confusionMatrix(
      holdout.map((r) => (r.label === 'spam' ? 1 : 0)),
      pred,
    ),
  );
}

/** Rows of the gate's holdout. */
export function holdoutRows(): number {
  return labelledHalf().holdout.length;
}
