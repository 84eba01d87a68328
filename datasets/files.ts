import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileStats } from './types';

/** `datasets/build/`, found from this file, so notebooks/ and the repository root agree. */
export const DEFAULT_BUILD_DIR = path.join(__dirname, 'build');

/** Writes `text` to `file` (creating folders) and returns its size and sha256. */
export function writeFileWithStats(file: string, text: string, rows: number): FileStats {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const bytes = Buffer.from(text, 'utf8');
  fs.writeFileSync(file, bytes);
  return { rows, bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

/** One JSON object per line, each line ending with "\n". */
export function toJsonl(rows: readonly object[]): string {
  return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/**
 * Path of a file shipped inside an installed npm package. Looks through the same node_modules
 * folders `require` would, because some packages (vega-datasets) do not export their data files.
 */
export function packageFile(pkg: string, relative: string): string {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const candidate = path.join(dir, pkg, relative);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`cannot find ${pkg}/${relative}: is the npm package "${pkg}" installed? run npm ci`);
}
