/**
 * Which models folder lab 01 serves: your own export when your lab folder has one, else the
 * course's reference model. Given: nothing to write here.
 *
 * Notebook 04's export cell (under *Export the model*) saves your model into this lab's `models/`
 * folder, `saveArtifact(modelsRoot, 'spam', '0.4.0', …)` with `modelsRoot` =
 * `labs/lab-01-ship-the-model/models`, so that `models/spam/0.4.0/` holds its `model.json` and
 * `metadata.json`.
 */
import * as path from 'node:path';
import { listVersions } from '../../../mlkit/artifact';

/** `models/` in this lab's folder: where your own export goes. */
export const OWN_MODELS_DIR = path.resolve(__dirname, '..', 'models');

/**
 * The folder to serve `name` from: `ownDir` when it holds a version of `name` (a folder with a
 * metadata.json), else `referenceDir`. Read with the toolkit, so it works before your registry does.
 */
export function servedModelsDir(referenceDir: string, name: string, ownDir = OWN_MODELS_DIR): string {
  return listVersions(ownDir, name).length > 0 ? ownDir : referenceDir;
}
