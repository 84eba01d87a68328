/**
 * Stages a submission for the sandbox: a fresh root folder that links the shared, read-only
 * repository folders (toolkit, template, node_modules, models) and holds a private copy of the
 * learner's files at `labs/<lab id>/`, so the learner's relative imports resolve as they did
 * on their machine. Grader, solution and lab folders are not linked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './labs';
import { isRoot, sandboxUid, SandboxSpec, Isolation } from '../sandbox/isolation';

/** Repository entries a submission never gets a link to. */
const NOT_LINKED = new Set(['.git', 'labs', 'solutions', 'grading', 'bench', 'reports', '.work']);

/** Repository entries a submission may read (linked into its root; mounted read-only in docker). */
export function sharedEntries(): string[] {
  return fs.readdirSync(REPO_ROOT).filter((e) => !NOT_LINKED.has(e)).sort();
}

function chownTree(dir: string, uid: number): void {
  fs.chownSync(dir, uid, uid);
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) chownTree(p, uid);
    else fs.lchownSync(p, uid, uid);
  }
}

export interface StageOptions {
  labId: string;
  /** Folder with the learner's files (already unpacked and checked). */
  source: string;
  /** Parent folder for the staged root (private to the grader). */
  workDir: string;
  isolation: Isolation;
  slot: number;
  memoryMb: number;
  name: string;
}

/** Creates the staged root and returns the sandbox spec to start the worker with. */
export function stage(o: StageOptions): SandboxSpec {
  const rootDir = fs.mkdtempSync(path.join(o.workDir, 'sbx-'));
  // Traversable, not listable: other slots' users cannot find or read this job's files.
  fs.chmodSync(rootDir, 0o711);
  for (const entry of sharedEntries()) fs.symlinkSync(path.join(REPO_ROOT, entry), path.join(rootDir, entry));
  const labDir = path.join(rootDir, 'labs', o.labId);
  fs.mkdirSync(path.dirname(labDir), { mode: 0o755 });
  fs.cpSync(o.source, labDir, { recursive: true, verbatimSymlinks: true });
  const tmpDir = path.join(rootDir, 'tmp');
  fs.mkdirSync(tmpDir, { mode: 0o700 });
  if (isRoot()) {
    const uid = sandboxUid(o.slot);
    chownTree(labDir, uid);
    fs.chmodSync(labDir, 0o700);
    fs.chownSync(tmpDir, uid, uid);
  }
  return { isolation: o.isolation, rootDir, labDir, tmpDir, slot: o.slot, memoryMb: o.memoryMb, name: o.name };
}

/**
 * Makes a lab's solution folder (answers, instructor checks, fixtures) private to its owner,
 * so sandbox users cannot read it even by absolute path. Git does not track folder modes.
 */
export function protectSolutions(labId: string): void {
  if (!isRoot()) return;
  const dir = path.join(REPO_ROOT, 'solutions', labId);
  if (fs.existsSync(dir)) fs.chmodSync(dir, 0o700);
}
