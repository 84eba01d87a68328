/**
 * Which model the learner's app serves — their own export from notebook 04 (in their lab folder's
 * `models/spam/<version>/`) or the course's reference — and the probabilities the notebook gives
 * with it, so parity and the metadata checks hold for whichever one it is.
 */
import { once, submission } from '../../../grading/harness';
import { sha256 } from '../../../mlkit/artifact';
import { SpamClassifier } from '../../../mlkit/pipeline/spam-classifier';
import { call } from './http';
import parity from './fixtures/parity.json';

export interface ServedModel {
  /** True for the learner's export, false for the reference. */
  own: boolean;
  version: string;
  /** Where it came from, in words, for the learner. */
  source: string;
  threshold: number;
  /** What `loadArtifact(dir).predictProba(parity.texts)` gives for this model. */
  parityProbabilities: number[];
}

/** A learner's export must fit in the submission; bigger is refused before it is read. */
const MAX_MODEL_BYTES = 64 << 20;

function readOwn(version: string, metadataText: string): ServedModel {
  const dir = `models/spam/${version}`;
  const metadata = JSON.parse(metadataText) as { threshold?: unknown; files?: Record<string, { sha256?: unknown }> };
  const modelText = submission().readText(`${dir}/model.json`, MAX_MODEL_BYTES);
  if (modelText === undefined) throw new Error(`${dir}/model.json is missing from your lab folder`);
  if (sha256(modelText) !== metadata.files?.['model.json']?.sha256) {
    throw new Error(`${dir}/model.json does not match the sha256 in its metadata.json: export it again from notebook 04`);
  }
  const classifier = SpamClassifier.fromJSON(JSON.parse(modelText));
  return {
    own: true,
    version,
    source: `your own model, ${dir} in your lab folder`,
    threshold: classifier.threshold,
    parityProbabilities: classifier.predictProba(parity.texts),
  };
}

/** The model the app answers with (read once per submission from `GET /health/ready`). */
export function servedModel(): Promise<ServedModel> {
  return once('served model', async () => {
    const res = await call('GET', '/health/ready');
    const version = (res.body['model'] as { version?: unknown } | undefined)?.version;
    if (res.status !== 200 || typeof version !== 'string' || !/^[0-9A-Za-z.+-]+$/.test(version)) {
      throw new Error(`GET /health/ready: expected 200 with the model's version, got ${res.status} ${res.raw.slice(0, 200)}`);
    }
    const metadataText = submission().readText(`models/spam/${version}/metadata.json`);
    if (metadataText !== undefined) return readOwn(version, metadataText);
    if (version !== parity.model.version) {
      throw new Error(
        `the app serves version ${version}, but your lab folder has no models/spam/${version}/ and the reference is ${parity.model.version}`,
      );
    }
    return {
      own: false,
      version,
      source: `the reference model models/spam/${version} (no export of yours in this lab's models/spam/)`,
      threshold: parity.model.threshold,
      parityProbabilities: parity.probabilities,
    };
  });
}
