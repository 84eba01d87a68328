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
// BEGIN SOLUTION hint: you will need node's mkdtempSync/tmpdir/path, the dataset readers, ./period2's period2Halves, the toolkit's training recipe, metrics, drift reference and saveArtifact
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readManifest, readSpamSplit } from '../../../datasets/read';
import { saveArtifact } from '../../../mlkit/artifact';
import { period2Halves } from './period2';
import { monitoringRow, referenceStatistics } from '../../../mlkit/drift';
import { evaluateScores } from '../../../mlkit/metrics';
import { chooseThreshold, toBinaryLabels, trainSpamClassifier } from '../../../mlkit/pipeline/train';
import { COURSE_THRESHOLD_RULE, COURSE_THRESHOLD_RULE_TEXT } from '../../../mlkit/pipeline/threshold-rule';
// END SOLUTION

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
  // BEGIN SOLUTION hint: period2Halves().labelled, cut at Math.floor(0.75 × its length); readSpamSplit('train') and ('validation')
  const { labelled } = period2Halves();
  const cut = Math.floor(labelled.length * 0.75);
  return {
    fit: [...readSpamSplit('train'), ...labelled.slice(0, cut)],
    tune: [...readSpamSplit('validation'), ...labelled.slice(cut)],
    labelledFit: cut,
  };
  // END SOLUTION
}

/**
 * One entry of metadata.training_data: the file, its sha256 from the dataset manifest, and the
 * counts of the rows of it that were used.
 */
export function dataEntry(split: SpamSplit, rows: readonly SpamRow[]): DataFileEntry {
  // BEGIN SOLUTION hint: readManifest().files[`spam/${split}.jsonl`].sha256; file is `datasets/build/spam/${split}.jsonl`
  const spam = rows.filter((r) => r.label === 'spam').length;
  const sha256 = readManifest().files[`spam/${split}.jsonl`].sha256;
  return { file: `datasets/build/spam/${split}.jsonl`, sha256, rows: rows.length, spam, ham: rows.length - spam };
  // END SOLUTION
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
  // BEGIN SOLUTION hint: modelsDir defaults to mkdtempSync(…); refuse an existing <modelsDir>/spam/<version> first; retrainRows(); trainSpamClassifier on fit with RETRAIN_CONFIG; chooseThreshold on tune with COURSE_THRESHOLD_RULE; evaluateScores at the chosen threshold; saveArtifact with dataEntry for each file
  const modelsDir = options.modelsDir ?? mkdtempSync(path.join(tmpdir(), 'retrain-'));
  const target = path.join(modelsDir, 'spam', options.version);
  if (existsSync(target))
    throw new Error(`version ${options.version} already exists (${target}): a version is never rewritten, choose a new one`);
  const rows = retrainRows();
  const texts = (r: SpamRow[]): string[] => r.map((x) => x.text);
  const labels = (r: SpamRow[]): (0 | 1)[] => toBinaryLabels(r.map((x) => x.label));
  const model = chooseThreshold(
    trainSpamClassifier(texts(rows.fit), labels(rows.fit), RETRAIN_CONFIG),
    texts(rows.tune),
    labels(rows.tune),
    COURSE_THRESHOLD_RULE,
  );
  const test = readSpamSplit('test');
  const [p1Train, p2Fit] = [rows.fit.slice(0, rows.fit.length - rows.labelledFit), rows.fit.slice(rows.fit.length - rows.labelledFit)];
  const p1Validation = readSpamSplit('validation');
  const tuneScores = model.predictProba(texts(rows.tune));
  const reference = referenceStatistics(
    rows.tune.map((r, i) => monitoringRow(r.text, tuneScores[i], tuneScores[i] >= model.threshold ? 'spam' : 'ham')),
  );
  return saveArtifact(modelsDir, 'spam', options.version, model, {
    training_data: {
      train: dataEntry('train', p1Train),
      production_labelled: dataEntry('production', p2Fit),
      validation: dataEntry('validation', p1Validation),
      production_tune: dataEntry('production', rows.tune.slice(p1Validation.length)),
    },
    metrics: {
      validation: evaluateScores(labels(rows.tune), tuneScores, model.threshold),
      test: evaluateScores(labels(test), model.predictProba(texts(test)), model.threshold),
    },
    reference,
    threshold_rule: COURSE_THRESHOLD_RULE_TEXT,
    parent_version: options.parent ?? '1.0.0',
  });
  // END SOLUTION
}
