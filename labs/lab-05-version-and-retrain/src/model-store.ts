/**
 * The models folder lab 05's app serves (lab 01's registry reads it). The checks need versions
 * a learner's machine does not have, so `writeVersions` makes them: from the committed model
 * `models/spam/1.0.0/` (as it is, or at another decision threshold), from your retrain's
 * output, or from a weak model trained on 150 messages — each with its own `metadata.json`, which may claim metrics the weights do not
 * have (a gate must not believe it). Given: nothing to write here.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSpamSplit } from '../../../datasets/read';
import { saveArtifact } from '../../../mlkit/artifact';
import { SpamClassifier } from '../../../mlkit/pipeline/spam-classifier';
import { toBinaryLabels, trainSpamClassifier } from '../../../mlkit/pipeline/train';
import { RETRAIN_CONFIG } from './retrain';

/** One version to write. */
export interface VersionSpec {
  version: string;
  /** Whose weights: the committed model (default), your retrain's output, or a weak model. */
  weights?: 'committed' | 'retrained' | 'weak';
  /** metadata.json claims this accuracy, precision, recall and F1 on every split, whatever the weights do. */
  claimedF1?: number;
  /** model.json with one byte changed: only the checksum can tell. */
  corrupt?: boolean;
  /** The committed weights re-saved at this decision threshold (same weights, other predictions). */
  threshold?: number;
}

let weakDir: string | undefined;

/** A model trained on the first 150 messages of period 1 (once per process): far worse than 1.0.0. */
function weakModel(): string {
  if (weakDir) return weakDir;
  const rows = readSpamSplit('train').slice(0, 150);
  const model = trainSpamClassifier(
    rows.map((r) => r.text),
    toBinaryLabels(rows.map((r) => r.label)),
    RETRAIN_CONFIG,
  );
  const none = { accuracy: 0, precision: 0, recall: 0, f1: 0, roc_auc: 0 };
  const training = { file: 'datasets/build/spam/train.jsonl (first 150 rows)', sha256: '0'.repeat(64), rows: 150, spam: 0, ham: 0 };
  weakDir = saveArtifact(mkdtempSync(path.join(tmpdir(), 'weak-')), 'spam', '0.0.1', model, {
    training_data: { train: training },
    metrics: { validation: none, test: none },
  });
  return weakDir;
}

const rethresholded = new Map<number, string>();

/** 1.0.0's weights at another threshold, saved once per process and threshold. */
function committedAt(committed: string, threshold: number): string {
  const from = path.join(committed, 'spam', '1.0.0');
  const known = rethresholded.get(threshold);
  if (known) return known;
  const model = SpamClassifier.fromJSON(JSON.parse(readFileSync(path.join(from, 'model.json'), 'utf8'))).withThreshold(threshold);
  const base = JSON.parse(readFileSync(path.join(from, 'metadata.json'), 'utf8')) as Parameters<typeof saveArtifact>[4];
  const dir = saveArtifact(mkdtempSync(path.join(tmpdir(), 'threshold-')), 'spam', '1.0.0', model, {
    training_data: base.training_data,
    metrics: base.metrics,
  });
  rethresholded.set(threshold, dir);
  return dir;
}

function sourceDir(spec: VersionSpec, committed: string, retrained: string | undefined): string {
  if (spec.weights === 'weak') return weakModel();
  if (spec.threshold !== undefined) return committedAt(committed, spec.threshold);
  if (spec.weights !== 'retrained') return path.join(committed, 'spam', '1.0.0');
  if (!retrained)
    throw new Error(`version ${spec.version} is a copy of your retrain's output: pass the folder retrain() returned as "retrained"`);
  return retrained;
}

function claimed(metrics: Record<string, Record<string, number>>, f1: number | undefined): Record<string, Record<string, number>> {
  if (f1 === undefined) return metrics;
  const claim = { accuracy: f1, precision: f1, recall: f1, f1 };
  return Object.fromEntries(Object.entries(metrics).map(([split, m]) => [split, { ...m, ...claim }]));
}

function writeVersion(root: string, spec: VersionSpec, from: string): void {
  const dir = path.join(root, 'spam', spec.version);
  mkdirSync(dir, { recursive: true });
  const base = JSON.parse(readFileSync(path.join(from, 'metadata.json'), 'utf8')) as {
    metrics: Record<string, Record<string, number>>;
  } & Record<string, unknown>;
  writeFileSync(
    path.join(dir, 'metadata.json'),
    JSON.stringify({ ...base, version: spec.version, metrics: claimed(base.metrics, spec.claimedF1) }, null, 1),
  );
  if (!spec.corrupt) {
    copyFileSync(path.join(from, 'model.json'), path.join(dir, 'model.json'));
    return;
  }
  // Same size, one byte changed.
  const model = readFileSync(path.join(from, 'model.json'));
  model[model.length - 2] = model[model.length - 2] === 0x20 ? 0x0a : 0x20;
  writeFileSync(path.join(dir, 'model.json'), model);
}

/**
 * Writes `<fresh folder>/spam/<version>/` for each spec, in a new folder under the temporary folder.
 * @param committed the models folder holding `spam/1.0.0/`
 * @param retrained a version folder your `retrain()` wrote, for specs with `weights: 'retrained'`
 * @returns the new models folder
 */
export function writeVersions(committed: string, specs: VersionSpec[], retrained?: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'models-'));
  for (const spec of specs) writeVersion(root, spec, sourceDir(spec, committed, retrained));
  return root;
}
