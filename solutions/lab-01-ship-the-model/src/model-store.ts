/**
 * What the checks need to see your registry at work: a models folder with several versions (and
 * the clutter real folders collect), and a record of what your `DiskModelRegistry` did with a
 * sequence of loads. A learner's machine has one version; the checks write more. Given: nothing
 * to write here.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadArtifact } from '../../../mlkit/artifact';
import { loadConfig } from '../../../server-template/src/config';
import { DiskModelRegistry } from './registry';

/** The version of the course's reference model every written version copies. */
export const REFERENCE_VERSION = '1.0.0';

/**
 * One entry of `models/<name>/`: a copy of the reference model (`model`), the same with one byte
 * of `model.json` changed (`corrupt`: only the checksum can tell), a folder holding no model
 * (`folder`), or a plain file (`file`).
 */
export interface EntrySpec {
  name: string;
  kind?: 'model' | 'corrupt' | 'folder' | 'file';
}

function writeModel(from: string, dir: string, version: string, corrupt: boolean): void {
  mkdirSync(dir, { recursive: true });
  const metadata = JSON.parse(readFileSync(path.join(from, 'metadata.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(dir, 'metadata.json'), JSON.stringify({ ...metadata, version }, null, 1));
  if (!corrupt) {
    copyFileSync(path.join(from, 'model.json'), path.join(dir, 'model.json'));
    return;
  }
  // Same size, one byte changed.
  const model = readFileSync(path.join(from, 'model.json'));
  model[model.length - 2] = model[model.length - 2] === 0x20 ? 0x0a : 0x20;
  writeFileSync(path.join(dir, 'model.json'), model);
}

/**
 * Writes `<fresh folder>/<name>/<entry>` for each entry, under the temporary folder. With no
 * entries, `<name>/` itself is missing, as on a fresh clone.
 * @param referenceDir the models folder holding `<name>/1.0.0/`
 * @returns the new models folder
 */
export function writeModelsFolder(referenceDir: string, name: string, entries: EntrySpec[]): string {
  const root = mkdtempSync(path.join(tmpdir(), 'models-'));
  const from = path.join(referenceDir, name, REFERENCE_VERSION);
  for (const entry of entries) {
    const dir = path.join(root, name, entry.name);
    const kind = entry.kind ?? 'model';
    if (kind === 'folder') {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'notes.txt'), 'not a model\n');
    } else if (kind === 'file') {
      mkdirSync(path.dirname(dir), { recursive: true });
      writeFileSync(dir, 'not a model folder\n');
    } else {
      writeModel(from, dir, entry.name, kind === 'corrupt');
    }
  }
  return root;
}

/** What one `load` did: the version it loaded, or what it threw; and the model answering after it. */
export interface LoadOutcome {
  requested: string | null;
  loaded?: string;
  error?: { status?: unknown; code?: unknown; message: string; details?: unknown };
  current: string | null;
}

function describeError(err: unknown): NonNullable<LoadOutcome['error']> {
  const e = err as { status?: unknown; code?: unknown; message?: unknown; details?: unknown } | null;
  return { status: e?.status, code: e?.code, message: typeof e?.message === 'string' ? e.message : String(err), details: e?.details };
}

/**
 * Your registry over a models folder written from `entries` (the configured model name):
 * `load(v)` for each `v` in turn (`null`: the latest), recording each outcome.
 */
export async function tryLoads(entries: EntrySpec[], loads: Array<string | null>): Promise<LoadOutcome[]> {
  const { modelsDir: referenceDir, modelName: name } = loadConfig({});
  const modelsDir = writeModelsFolder(referenceDir, name, entries);
  const registry = new DiskModelRegistry({ modelsDir, name, openArtifact: loadArtifact });
  const outcomes: LoadOutcome[] = [];
  for (const requested of loads) {
    const outcome: LoadOutcome = { requested, current: null };
    try {
      outcome.loaded = (await registry.load(requested ?? undefined)).info.version;
    } catch (err) {
      outcome.error = describeError(err);
    }
    outcome.current = registry.current()?.info.version ?? null;
    outcomes.push(outcome);
  }
  return outcomes;
}
