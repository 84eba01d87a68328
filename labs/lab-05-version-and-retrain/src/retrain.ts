/**
 * A real retrain, notebook 09's route: the recipe that made 1.0.0 on period 1's training mail
 * plus the first three quarters of period 2's labelled half; the threshold chosen by the course's
 * one rule (`mlkit/pipeline/threshold-rule.ts`: the F1-best threshold) on period 1's validation
 * mail plus the last quarter of the labelled half; saved as a new version
 * through the toolkit (checksums, metadata naming every data file by sha256 and counts). The
 * second half of period 2 is never touched here: it is the gate's holdout.
 */
import type { SpamRow, SpamSplit } from '../../../datasets/read';
import type { DataFileEntry } from '../../../mlkit/artifact';
import type { SpamConfig } from '../../../mlkit/pipeline/train';
// TODO(lab-05-version-and-retrain): you will need node's mkdtempSync/tmpdir/path, the dataset readers, ./period2's period2Halves, the toolkit's training recipe, metrics, drift reference and saveArtifact

/**
 * 1.0.0's recipe with the solver bounded to 30 iterations, so a retrain takes seconds: on this
 * data it reaches the same holdout F1 as the unbounded solver, within 0.002.
 */
export const RETRAIN_CONFIG: SpamConfig = {
  analyzer: { bigrams: false, subject: false },
  tfidf: { minDf: 2, maxDf: 1, maxFeatures: 50000, sublinearTf: true },
  model: { kind: 'logistic', C: 100, classWeight: 'balanced', tol: 1e-5, maxIter: 30 },
};

export interface RetrainRows {
  /** Period 1's train split + the first 3/4 of the labelled half: what the model learns from. */
  fit: SpamRow[];
  /** Period 1's validation split + the last 1/4 of the labelled half: where the threshold is chosen. */
  tune: SpamRow[];
  /** How many labelled period-2 messages went to `fit` (the rest of the labelled half went to `tune`). */
  labelledFit: number;
}

/** Split the data for a retrain; the holdout half of period 2 is in neither part. */
export function retrainRows(): RetrainRows {
  throw new Error("lab-05-version-and-retrain: not implemented — period2Halves().labelled, cut at Math.floor(0.75 × its length); readSpamSplit('train') and ('validation')");
}

/**
 * One entry of metadata.training_data: the file, its sha256 from the dataset manifest, and the
 * counts of the rows of it that were used.
 */
export function dataEntry(split: SpamSplit, rows: readonly SpamRow[]): DataFileEntry {
  void [split, rows]; // your inputs
  throw new Error("lab-05-version-and-retrain: not implemented — readManifest().files[`spam/${split}.jsonl`].sha256; file is `datasets/build/spam/${split}.jsonl`");
}

export interface RetrainOptions {
  /** The new version, e.g. `1.1.0`. */
  version: string;
  /** Models folder to write `spam/<version>/` into, created when missing (default: a new temporary folder). */
  modelsDir?: string;
  /** The version this one replaces, recorded as `parent_version` (default 1.0.0). */
  parent?: string;
}

/**
 * Train, choose the threshold, measure, and save `<modelsDir>/spam/<version>/`.
 * metadata.json records: training_data (`train`, `production_labelled`, `validation`,
 * `production_tune`), metrics on `validation` (the tune rows) and `test` (period 1's test split),
 * each at the chosen threshold, the drift reference (of the tune rows) and `parent_version`.
 * A version that exists is never rewritten: the files the gate evaluated and that served must
 * stay what they were, so an existing `spam/<version>/` is refused before any training.
 * @returns the new version's folder
 * @throws Error naming the version when `<modelsDir>/spam/<version>/` already exists
 */
export function retrain(options: RetrainOptions): string {
  void [options]; // your inputs
  throw new Error("lab-05-version-and-retrain: not implemented — modelsDir defaults to mkdtempSync(…); refuse an existing <modelsDir>/spam/<version> first; retrainRows(); trainSpamClassifier on fit with RETRAIN_CONFIG; chooseThreshold on tune with COURSE_THRESHOLD_RULE; evaluateScores at the chosen threshold; saveArtifact with dataEntry for each file");
}
