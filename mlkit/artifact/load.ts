/**
 * Loading a model artifact, verifying every checksum first: a model that is not exactly the
 * one that was evaluated must not serve traffic.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SpamClassifier, type SpamPrediction } from '../pipeline/spam-classifier';
import { ArtifactError } from './errors';
import { type ArtifactMetadata, sha256 } from './metadata';
import { METADATA_FILE, MODEL_FILE } from './save';

/** A loaded, verified model: what the service calls. */
export interface LoadedModel {
  /** The artifact folder it was loaded from. */
  readonly dir: string;
  readonly metadata: ArtifactMetadata;
  /** Decision threshold on P(spam). */
  readonly threshold: number;
  /** P(spam) per text; number[texts.length]. */
  predictProba(texts: string[]): number[];
  /** Label and probability for one text at {@link threshold}. */
  predict(text: string): SpamPrediction;
  readonly classifier: SpamClassifier;
}

function readFile(dir: string, file: string): Buffer {
  try {
    return readFileSync(join(dir, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ArtifactError(file, 'missing', code === 'ENOENT' ? `not found in ${dir}` : `cannot be read (${String(code)})`);
  }
}

function readMetadata(dir: string): ArtifactMetadata {
  let m: Partial<ArtifactMetadata>;
  try {
    m = JSON.parse(readFile(dir, METADATA_FILE).toString('utf8')) as Partial<ArtifactMetadata>;
  } catch (e) {
    if (e instanceof ArtifactError) throw e;
    throw new ArtifactError(METADATA_FILE, 'corrupt', 'not valid JSON');
  }
  if (m === null || typeof m !== 'object') throw new ArtifactError(METADATA_FILE, 'invalid', 'not a JSON object');
  for (const key of ['name', 'version', 'created_at'] as const) {
    if (typeof m[key] !== 'string') throw new ArtifactError(METADATA_FILE, 'invalid', `"${key}" must be a string`);
  }
  if (typeof m.threshold !== 'number' || !(m.threshold >= 0 && m.threshold <= 1))
    throw new ArtifactError(METADATA_FILE, 'invalid', '"threshold" must be a number in [0, 1]');
  if (!m.files || typeof m.files !== 'object' || !m.files[MODEL_FILE])
    throw new ArtifactError(METADATA_FILE, 'invalid', `"files" must list ${MODEL_FILE} with its sha256 and bytes`);
  return m as ArtifactMetadata;
}

/** Check every file listed in metadata.json against its size and SHA-256. */
function verifyFiles(dir: string, metadata: ArtifactMetadata): Map<string, Buffer> {
  const contents = new Map<string, Buffer>();
  for (const [file, entry] of Object.entries(metadata.files)) {
    if (file.includes('/') || file.includes('\\') || file.startsWith('.'))
      throw new ArtifactError(METADATA_FILE, 'invalid', `file name ${JSON.stringify(file)} must be a plain name in the artifact folder`);
    const data = readFile(dir, file);
    if (data.length !== entry?.bytes)
      throw new ArtifactError(file, 'corrupt', `${data.length} bytes, metadata.json says ${String(entry?.bytes)}`);
    if (sha256(data) !== entry.sha256) throw new ArtifactError(file, 'corrupt', 'sha256 does not match metadata.json');
    contents.set(file, data);
  }
  return contents;
}

/**
 * Load and verify `<dir>/metadata.json` and `<dir>/model.json`.
 * @throws ArtifactError naming the missing, corrupt or invalid file.
 */
export function loadArtifact(dir: string): LoadedModel {
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new ArtifactError(dir, 'missing', 'no such artifact folder');
  }
  const metadata = readMetadata(dir);
  const model = verifyFiles(dir, metadata).get(MODEL_FILE) as Buffer;
  let classifier: SpamClassifier;
  try {
    classifier = SpamClassifier.fromJSON(JSON.parse(model.toString('utf8')));
  } catch (e) {
    throw new ArtifactError(MODEL_FILE, 'invalid', (e as Error).message);
  }
  if (classifier.threshold !== metadata.threshold) {
    throw new ArtifactError(
      METADATA_FILE,
      'invalid',
      `threshold ${metadata.threshold} differs from ${MODEL_FILE}'s ${classifier.threshold}`,
    );
  }
  return {
    dir,
    metadata,
    threshold: classifier.threshold,
    predictProba: (texts) => classifier.predictProba(texts),
    predict: (text) => classifier.predict(text),
    classifier,
  };
}
