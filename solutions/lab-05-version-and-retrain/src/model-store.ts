/**
 * The models folder lab 05's app serves (lab 01's registry reads it). The checks need versions
 * a learner's machine does not have (a retrained one, one below the gate, a corrupt one), so
 * `writeVersions` makes them from the committed model `models/spam/1.0.0/`: same weights, their
 * own `metadata.json`. Given: nothing to write here.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** One version to write: its folder name, metrics to record, or a model.json that fails its checksum. */
export interface VersionSpec {
  version: string;
  /** Replaces metrics.<split>.<metric> in metadata.json, e.g. `{ "test": { "f1": 0.62 } }`. */
  metrics?: Record<string, Record<string, number>>;
  corrupt?: boolean;
}

/**
 * Writes `<fresh folder>/spam/<version>/` for each spec, in a new folder under the temporary folder.
 * @param committed the models folder holding `spam/1.0.0/`
 * @returns the new models folder
 */
export function writeVersions(committed: string, specs: VersionSpec[]): string {
  const root = mkdtempSync(path.join(tmpdir(), 'models-'));
  const from = path.join(committed, 'spam', '1.0.0');
  const base = JSON.parse(readFileSync(path.join(from, 'metadata.json'), 'utf8')) as { metrics: Record<string, Record<string, number>> } & Record<string, unknown>;
  for (const spec of specs) {
    const dir = path.join(root, 'spam', spec.version);
    mkdirSync(dir, { recursive: true });
    const metrics = structuredClone(base.metrics);
    for (const [split, values] of Object.entries(spec.metrics ?? {})) metrics[split] = { ...metrics[split], ...values };
    writeFileSync(path.join(dir, 'metadata.json'), JSON.stringify({ ...base, version: spec.version, metrics }, null, 1));
    if (spec.corrupt) {
      // Same size, one byte changed: only the checksum can tell.
      const model = readFileSync(path.join(from, 'model.json'));
      model[model.length - 2] = model[model.length - 2] === 0x20 ? 0x0a : 0x20;
      writeFileSync(path.join(dir, 'model.json'), model);
    } else {
      copyFileSync(path.join(from, 'model.json'), path.join(dir, 'model.json'));
    }
  }
  return root;
}
