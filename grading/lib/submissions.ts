/** Finding submissions in a folder and turning each into a checked folder of learner files. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LabConfig } from './labs';
import { checkFolder, InvalidSubmission, unpackTar, unpackZip } from './unpack';

export interface SubmissionEntry {
  /** Stable id: the file or folder name without archive extension. */
  id: string;
  path: string;
  /** `file`: a single file handed in as it is (a notebook's `.ipynb`). */
  kind: 'folder' | 'zip' | 'tar' | 'file';
}

const ARCHIVES: [RegExp, SubmissionEntry['kind']][] = [
  [/\.zip$/i, 'zip'],
  [/\.(tar\.gz|tgz)$/i, 'tar'],
];

/**
 * Submissions in `dir` sorted by id; other files are ignored (they are listed in `skipped`).
 * @param single files whose name matches are submissions on their own (notebooks: `.ipynb`)
 */
export function listSubmissions(dir: string, single?: RegExp): { entries: SubmissionEntry[]; skipped: string[] } {
  const entries: SubmissionEntry[] = [];
  const skipped: string[] = [];
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    if (d.name.startsWith('.')) continue;
    const p = path.join(dir, d.name);
    const archive = ARCHIVES.find(([re]) => re.test(d.name));
    if (d.isDirectory()) entries.push({ id: d.name, path: p, kind: 'folder' });
    else if (archive && d.isFile()) entries.push({ id: d.name.replace(archive[0], ''), path: p, kind: archive[1] });
    else if (single?.test(d.name) && d.isFile()) entries.push({ id: d.name.replace(single, ''), path: p, kind: 'file' });
    else skipped.push(d.name);
  }
  return { entries: entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), skipped };
}

/** Shard `k` of `n` (1-based): every n-th submission of the sorted list, starting at k. */
export function shard<T>(items: T[], k: number, n: number): T[] {
  return items.filter((_, i) => i % n === k - 1);
}

/**
 * Where the learner files are: the folder itself, or its single top-level folder, or the lab's
 * own folder in a labs folder handed in whole (`<lab id>/` at the top, or in the single
 * top-level folder), whose other labs a lab's `learner_labs` reads.
 */
function learnerRoot(dir: string, config: LabConfig): string {
  const has = (d: string): boolean => config.files.some((f) => fs.existsSync(path.join(d, f)));
  if (has(dir)) return dir;
  const kids = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => !d.name.startsWith('.') && d.name !== '__MACOSX');
  const only = kids.length === 1 && kids[0]!.isDirectory() ? path.join(dir, kids[0]!.name) : undefined;
  if (only && has(only)) return only;
  const labFolder = [path.join(dir, config.id), ...(only ? [path.join(only, config.id)] : [])].find(has);
  if (labFolder) return labFolder;
  throw new InvalidSubmission(`none of the lab's files (${config.files.join(', ')}) were found`);
}

/**
 * Copies or unpacks a submission into `dest` (a fresh folder) and returns the folder holding
 * the learner files. @throws InvalidSubmission with the reason
 */
export async function prepare(entry: SubmissionEntry, config: LabConfig, dest: string): Promise<string> {
  fs.mkdirSync(dest, { recursive: true, mode: 0o700 });
  if (entry.kind === 'folder') {
    checkFolder(entry.path);
    fs.cpSync(entry.path, dest, { recursive: true });
  } else if (entry.kind === 'zip') await unpackZip(entry.path, dest);
  else await unpackTar(entry.path, dest);
  checkFolder(dest);
  return learnerRoot(dest, config);
}
