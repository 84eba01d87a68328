/**
 * Writing a model artifact: `models/<name>/<version>/model.json` + `metadata.json`.
 * model.json is written with a fixed key order and full-precision numbers, so the same model
 * gives the same bytes (and checksum) on every run.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpamClassifier } from '../pipeline/spam-classifier';
import { type ArtifactMetadata, checkName, checkVersion, type MetadataExtras, sha256 } from './metadata';

export const MODEL_FILE = 'model.json';
export const METADATA_FILE = 'metadata.json';

// Write beside the target then rename, so a crash never leaves a half-written file behind.
function writeAtomic(path: string, text: string): void {
  writeFileSync(path + '.tmp', text);
  renameSync(path + '.tmp', path);
}

/**
 * Save a classifier as an artifact.
 * @param root models folder, e.g. `models`.
 * @param name model name, e.g. `spam`.
 * @param version `MAJOR.MINOR.PATCH`; an existing version folder is overwritten.
 * @param extras training data, metrics, drift reference and any extra fields for metadata.json.
 * @returns the artifact folder, `<root>/<name>/<version>`.
 */
export function saveArtifact(root: string, name: string, version: string, classifier: SpamClassifier, extras: MetadataExtras): string {
  checkName(name);
  checkVersion(version);
  if (!extras || typeof extras !== 'object' || !extras.metrics?.validation || !extras.metrics?.test) {
    throw new TypeError('saveArtifact: extras.metrics must hold "validation" and "test" metrics');
  }
  if (!extras.training_data || typeof extras.training_data !== 'object')
    throw new TypeError('saveArtifact: extras.training_data is required');
  const dir = join(root, name, version);
  mkdirSync(dir, { recursive: true });
  const model = JSON.stringify(classifier.toJSON()) + '\n';
  writeAtomic(join(dir, MODEL_FILE), model);
  const { created_at, reference, ...rest } = extras;
  const files = { [MODEL_FILE]: { sha256: sha256(model), bytes: Buffer.byteLength(model) } };
  const threshold = classifier.threshold;
  // Contract fields first (readable order), then the caller's extras; the fields this function
  // owns (name, version, files, threshold) cannot be overridden by extras.
  const metadata: ArtifactMetadata = Object.assign(
    {
      name,
      version,
      created_at: created_at ?? new Date().toISOString(),
      files,
      training_data: extras.training_data,
      metrics: extras.metrics,
      threshold,
      reference: reference ?? null,
    },
    rest,
    { name, version, files, threshold },
  );
  writeAtomic(join(dir, METADATA_FILE), JSON.stringify(metadata, null, 1) + '\n');
  return dir;
}
