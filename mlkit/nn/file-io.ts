/**
 * Saving and loading a TensorFlow.js model as files, without `@tensorflow/tfjs-node`.
 *
 * `model.save('file://…')` only exists when the native package is installed. This handler writes
 * the same two files that one does — `model.json` (architecture + weight manifest) and
 * `weights.bin` (every weight as little-endian float32, in manifest order) — so a model saved
 * here also loads with tfjs-node, in a browser, or with `tf.loadLayersModel` and this handler.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

/** What `model.json` holds: TensorFlow.js's layers-model format plus a checksum of the weights. */
interface ModelJsonFile {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology: object;
  trainingConfig?: tf.io.TrainingConfig;
  userDefinedMetadata?: { [key: string]: object };
  weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
  weightsSha256?: string;
}

const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function toArrayBuffer(data: tf.io.WeightData): ArrayBuffer {
  return Array.isArray(data) ? tf.io.CompositeArrayBuffer.join(data) : data;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Bytes the manifest says the weights take; the file must match exactly. */
function expectedBytes(specs: tf.io.WeightsManifestEntry[]): number {
  return specs.reduce((sum, s) => sum + s.shape.reduce((n, d) => n * d, 1) * (BYTES_PER_VALUE[s.dtype] ?? 4), 0);
}

async function saveTo(dir: string, artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
  if (!artifacts.modelTopology || artifacts.modelTopology instanceof ArrayBuffer) {
    throw new Error('fileIO: only layers models (tf.sequential / tf.model) can be saved as files');
  }
  const weights = new Uint8Array(toArrayBuffer(artifacts.weightData ?? new ArrayBuffer(0)));
  const json: ModelJsonFile = {
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    modelTopology: artifacts.modelTopology,
    trainingConfig: artifacts.trainingConfig,
    userDefinedMetadata: artifacts.userDefinedMetadata,
    weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
    weightsSha256: sha256(weights),
  };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, WEIGHTS_FILE), weights);
  fs.writeFileSync(path.join(dir, MODEL_FILE), JSON.stringify(json));
  return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
}

function readModelJson(dir: string): ModelJsonFile {
  const file = path.join(dir, MODEL_FILE);
  if (!fs.existsSync(file)) throw new Error(`${MODEL_FILE} not found in ${dir}: save a model there first`);
  let json: ModelJsonFile;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8')) as ModelJsonFile;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!json || typeof json.modelTopology !== 'object' || !Array.isArray(json.weightsManifest)) {
    throw new Error(`${file} is not a TensorFlow.js layers model (modelTopology or weightsManifest is missing)`);
  }
  return json;
}

async function loadFrom(dir: string): Promise<tf.io.ModelArtifacts> {
  const json = readModelJson(dir);
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const weightsPath = path.join(dir, WEIGHTS_FILE);
  if (!fs.existsSync(weightsPath)) throw new Error(`${WEIGHTS_FILE} not found in ${dir} (model.json expects it)`);
  const bytes = fs.readFileSync(weightsPath);
  if (bytes.length !== expectedBytes(specs)) {
    throw new Error(
      `${weightsPath} has ${bytes.length} bytes; ${MODEL_FILE} describes ${expectedBytes(specs)}: the files do not belong together`,
    );
  }
  if (json.weightsSha256 && sha256(bytes) !== json.weightsSha256) {
    throw new Error(`${weightsPath} does not match the checksum in ${MODEL_FILE}: the file is corrupt or was replaced`);
  }
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    trainingConfig: json.trainingConfig,
    userDefinedMetadata: json.userDefinedMetadata,
    weightSpecs: specs,
    // A fresh ArrayBuffer holding exactly the file's bytes (a Buffer may share a larger pool).
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  };
}

/**
 * An IO handler for a folder: `await model.save(fileIO(dir))` writes `dir/model.json` and
 * `dir/weights.bin`; `await tf.loadLayersModel(fileIO(dir))` reads them back.
 * Loading fails with a message naming the file when one is missing, truncated or corrupt.
 */
export function fileIO(dir: string): tf.io.IOHandler {
  return { save: (artifacts) => saveTo(dir, artifacts), load: () => loadFrom(dir) };
}

/** Saves `model` into `dir`; returns the bytes written per file. */
export async function saveModel(model: tf.LayersModel, dir: string): Promise<Record<string, number>> {
  await model.save(fileIO(dir));
  return Object.fromEntries([MODEL_FILE, WEIGHTS_FILE].map((f) => [f, fs.statSync(path.join(dir, f)).size]));
}

/** Loads a model saved with {@link saveModel} (or tfjs-node's `file://` saver). */
export function loadModel(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileIO(dir));
}
