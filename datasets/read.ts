/**
 * Typed readers for the built datasets, for notebooks, scripts and graders.
 *
 * ```ts
 * import { readSpamSplit } from '../datasets/read';
 * const train = readSpamSplit('train'); // SpamRow[]
 * ```
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_BUILD_DIR } from './files';
import type { Manifest, Penguin, SpamRow, SpamSplit } from './types';

export type { FileStats, Manifest, Penguin, SpamGroup, SpamLabel, SpamRow, SpamSplit } from './types';
export { DEFAULT_BUILD_DIR };

export const SPAM_SPLITS: readonly SpamSplit[] = ['train', 'validation', 'test', 'production'];

const NOT_BUILT = 'datasets not built: run npm run datasets';

function readBuilt(dir: string, relative: string): string {
  const file = path.join(dir, relative);
  if (!fs.existsSync(file)) throw new Error(`${NOT_BUILT} (missing ${relative} in ${dir})`);
  return fs.readFileSync(file, 'utf8');
}

/** True when the manifest and every file it lists exist in `dir`. */
export function datasetsBuilt(dir: string = DEFAULT_BUILD_DIR): boolean {
  const manifest = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifest)) return false;
  try {
    const files = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as Manifest).files;
    return Object.keys(files).every((f) => fs.existsSync(path.join(dir, f)));
  } catch {
    return false;
  }
}

/**
 * Reads one split of the spam corpus.
 *
 * @param split `train`, `validation`, `test` (period 1, stratified 70/15/15) or `production`
 *   (period 2, ordered by date, implausible dates last).
 * @param dir build folder; defaults to `datasets/build/`.
 * @returns one {@link SpamRow} per e-mail, in file order.
 */
export function readSpamSplit(split: SpamSplit, dir: string = DEFAULT_BUILD_DIR): SpamRow[] {
  if (!SPAM_SPLITS.includes(split)) throw new Error(`unknown spam split "${String(split)}": use one of ${SPAM_SPLITS.join(', ')}`);
  const relative = `spam/${split}.jsonl`;
  const lines = readBuilt(dir, relative)
    .split('\n')
    .filter((l) => l !== '');
  return lines.map((line, i) => {
    try {
      return JSON.parse(line) as SpamRow;
    } catch {
      throw new Error(`${relative} line ${i + 1} is not valid JSON: rebuild with npm run datasets`);
    }
  });
}

/** Reads the penguins table (344 rows, camelCase fields, missing values are null). */
export function readPenguins(dir: string = DEFAULT_BUILD_DIR): Penguin[] {
  return JSON.parse(readBuilt(dir, 'penguins.json')) as Penguin[];
}

/** Reads `manifest.json`: counts, spam share and sha256 per file, duplicates, malformed messages. */
export function readManifest(dir: string = DEFAULT_BUILD_DIR): Manifest {
  return JSON.parse(readBuilt(dir, 'manifest.json')) as Manifest;
}

/**
 * Builds the datasets when they are missing (the `npm start` preflight calls this).
 *
 * @returns true when a build ran, false when the datasets were already there.
 */
export async function ensureDatasets(options: { dir?: string; log?: (line: string) => void } = {}): Promise<boolean> {
  const dir = options.dir ?? DEFAULT_BUILD_DIR;
  const log = options.log ?? (() => {});
  if (datasetsBuilt(dir)) return false;
  log('datasets not built yet: building them (about half a minute)...');
  // Loaded only when needed (readers should not pull in the mail parser), and with require:
  // under the CommonJS loader the project runs with, import() would need a file extension.
  const { buildDatasets } = require('./make') as typeof import('./make');
  await buildDatasets(dir, log);
  return true;
}
