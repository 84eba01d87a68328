/**
 * The reproducibility record each results.json carries under `extra_data.reproducibility`:
 * which grader graded (git commit when there is one, always a content hash of the grader
 * files), what it graded (sha256 of the submission as received), with which lab config and Node.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walk } from '../lib/build';
import type { Lab } from '../lib/labs';
import { REPO_ROOT } from '../harness/repo-root';
import type { SubmissionEntry } from '../lib/submissions';
import type { Results } from '../harness/results';
import { writeResults } from './feedback';

export interface Reproducibility {
  /** `git:<commit>` (with `+dirty` when the grader files differ from it), else `sha256:<grader_sha256>`. */
  grader_version: string;
  /** sha256 over the lab's public and instructor checks and the grading harness and runner. */
  grader_sha256: string;
  /** sha256 of the archive's bytes, or of a folder's files (sorted paths and contents). */
  submission_sha256: string;
  lab_config_sha256: string;
  node_version: string;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** sha256 over the files of `dirs` (paths relative to `base`, contents; sorted); missing folders count as empty. */
export function treeSha256(dirs: readonly string[], base: string): string {
  const h = createHash('sha256');
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const f of walk(dir).sort())
      h.update(`${path.relative(base, path.join(dir, f))}\0`)
        .update(fs.readFileSync(path.join(dir, f)))
        .update('\0');
  }
  return h.digest('hex');
}

/** What defines the grader of `lab`: its checks, plus the harness and runner they run in. */
export function graderDirs(lab: Lab): string[] {
  return [
    path.join(lab.dir, 'grader'),
    path.join(lab.dir, 'instructor'),
    path.join(REPO_ROOT, 'grading', 'harness'),
    path.join(REPO_ROOT, 'grading', 'runner'),
  ];
}

function gitCommit(paths: readonly string[]): string | undefined {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 10000 });
  if (head.status !== 0) return undefined;
  const dirty = spawnSync('git', ['status', '--porcelain', '--', ...paths], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 10000 });
  return `git:${head.stdout.trim()}${dirty.status === 0 && dirty.stdout.trim() === '' ? '' : '+dirty'}`;
}

/** The record's parts that are the same for every submission of a batch. */
export function graderRecord(lab: Lab): Omit<Reproducibility, 'submission_sha256'> {
  const dirs = graderDirs(lab);
  const grader = treeSha256(dirs, REPO_ROOT);
  return {
    grader_version: gitCommit(dirs) ?? `sha256:${grader}`,
    grader_sha256: grader,
    lab_config_sha256: sha256(fs.readFileSync(path.join(lab.dir, 'lab.json'))),
    node_version: process.version,
  };
}

/** sha256 of a submission as it was handed in. */
export function submissionSha256(entry: SubmissionEntry): string {
  return entry.kind === 'folder' ? treeSha256([entry.path], entry.path) : sha256(fs.readFileSync(entry.path));
}

/** Adds the record to `r` and rewrites its results.json in `dir`. */
export function stampResults(dir: string, r: Results, grader: Omit<Reproducibility, 'submission_sha256'>, entry: SubmissionEntry): Results {
  r.extra_data.reproducibility = { ...grader, submission_sha256: submissionSha256(entry) };
  writeResults(dir, r);
  return r;
}
