/**
 * Saving and loading a trained recommender as a model artifact, with the conventions of
 * mlkit/artifact: `<root>/<name>/<version>/model.json` + `metadata.json` (name, version,
 * created_at, files with sha256, training data, metrics), every checksum verified on load.
 * `kind: "recommender"` tells a registry which loader to use.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArtifactError, checkName, checkVersion, METADATA_FILE, MODEL_FILE, sha256 } from '../artifact';
import { type AlsJSON, AlsRecommender } from './als';
import { type ItemKnnJSON, ItemKnnRecommender } from './item-knn';
import { type PopularityJSON, PopularityRecommender } from './popularity';
import type { RankingReport } from './evaluate';
import type { Recommender } from './types';

export interface RecommenderMetadata {
  name: string;
  version: string;
  /** ISO 8601 UTC. */
  created_at: string;
  kind: 'recommender';
  model_kind: string;
  files: Record<string, { sha256: string; bytes: number }>;
  training_data: {
    /** Path of the event log relative to the repository root, and its canonical digest. */
    file: string;
    sha256: string;
    /** `[from, to)` of the training events, ISO 8601 UTC. */
    window: { from: string; to: string };
    events: number;
    users: number;
    items: number;
  };
  /** By role, e.g. `test` (the month after the window). */
  metrics: Record<string, RankingReport>;
  [key: string]: unknown;
}

/** What the caller supplies; name, version, kind, model_kind and files are filled in. */
export interface RecommenderExtras {
  training_data: RecommenderMetadata['training_data'];
  metrics: RecommenderMetadata['metrics'];
  /** Defaults to now; pass a fixed value for byte-identical metadata. */
  created_at?: string;
  [key: string]: unknown;
}

function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/** Writes the artifact and returns its folder, `<root>/<name>/<version>`. */
export function saveRecommender(root: string, name: string, version: string, model: Recommender, extras: RecommenderExtras): string {
  checkName(name);
  checkVersion(version);
  if (!extras?.training_data?.window || !extras.metrics)
    throw new TypeError('saveRecommender: extras must hold training_data (with its window) and metrics');
  const dir = join(root, name, version);
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(model.toJSON())}\n`;
  writeAtomic(join(dir, MODEL_FILE), text);
  const files = { [MODEL_FILE]: { sha256: sha256(text), bytes: Buffer.byteLength(text) } };
  const { created_at, training_data, metrics, ...rest } = extras;
  // The fields this function owns come last, so extras cannot override them.
  const metadata: RecommenderMetadata = {
    ...rest,
    name,
    version,
    created_at: created_at ?? new Date().toISOString(),
    kind: 'recommender',
    model_kind: model.kind,
    files,
    training_data,
    metrics,
  };
  writeAtomic(join(dir, METADATA_FILE), `${JSON.stringify(metadata, null, 1)}\n`);
  return dir;
}

function read(dir: string, file: string): Buffer {
  try {
    return readFileSync(join(dir, file));
  } catch {
    throw new ArtifactError(file, 'missing', `not found in ${dir}`);
  }
}

function parse(data: Buffer, file: string): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    throw new ArtifactError(file, 'corrupt', 'not valid JSON');
  }
}

/** Turns a model.json object back into a recommender of its kind. */
export function recommenderFromJSON(json: { kind?: unknown }): Recommender {
  if (json?.kind === 'popularity') return PopularityRecommender.fromJSON(json as PopularityJSON);
  if (json?.kind === 'item-knn') return ItemKnnRecommender.fromJSON(json as ItemKnnJSON);
  if (json?.kind === 'als') return AlsRecommender.fromJSON(json as AlsJSON);
  throw new TypeError(`unknown recommender kind ${JSON.stringify(json?.kind)}: expected popularity, item-knn or als`);
}

/**
 * Loads `<dir>`, verifying model.json's size and sha256 against metadata.json.
 * @throws ArtifactError naming the missing, corrupt or invalid file.
 */
export function loadRecommender(dir: string): { metadata: RecommenderMetadata; model: Recommender } {
  const metadata = parse(read(dir, METADATA_FILE), METADATA_FILE) as Partial<RecommenderMetadata>;
  if (metadata?.kind !== 'recommender') throw new ArtifactError(METADATA_FILE, 'invalid', '"kind" must be "recommender"');
  const entry = metadata.files?.[MODEL_FILE];
  if (!entry) throw new ArtifactError(METADATA_FILE, 'invalid', `"files" must list ${MODEL_FILE}`);
  const data = read(dir, MODEL_FILE);
  if (data.length !== entry.bytes || sha256(data) !== entry.sha256)
    throw new ArtifactError(MODEL_FILE, 'corrupt', 'size or sha256 does not match metadata.json');
  try {
    const model = recommenderFromJSON(parse(data, MODEL_FILE) as { kind?: unknown });
    if (model.kind !== metadata.model_kind)
      throw new TypeError(`model.json holds "${model.kind}", metadata.json says "${String(metadata.model_kind)}"`);
    return { metadata: metadata as RecommenderMetadata, model };
  } catch (e) {
    if (e instanceof ArtifactError) throw e;
    throw new ArtifactError(MODEL_FILE, 'invalid', (e as Error).message);
  }
}
