/**
 * Stages a submission for the sandbox: a fresh root folder that links the shared, read-only
 * repository folders (toolkit, template, node_modules, models) and holds a private copy of the
 * learner's files at `labs/<lab id>/`, so the learner's relative imports resolve as they did
 * on their machine. Grader, solution and lab folders are not linked. The earlier labs' files
 * that the learner's code imports (`builds_on`) are copied from their reference solutions to
 * `labs/<earlier lab>/`, read-only to the submission; so are the learner's own files of the labs
 * a lab's `learner_labs` names, where they changed them (`learner-labs.ts`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importedEarlierFiles } from './builds-on';
import { labsFolderOf, learnerLabFiles, OWN_FILES_LIST } from './learner-labs';
import type { Lab } from './labs';
import { REPO_ROOT } from '../harness/repo-root';
import { isRoot, sandboxUid, type SandboxSpec, type Isolation } from '../sandbox/isolation';

/** Repository entries a submission never gets a link to. */
const NOT_LINKED = new Set(['.git', 'labs', 'solutions', 'grading', 'bench', 'reports', '.work']);

/** Repository entries a submission may read (linked into its root; mounted read-only in docker). */
export function sharedEntries(): string[] {
  return fs
    .readdirSync(REPO_ROOT)
    .filter((e) => !NOT_LINKED.has(e))
    .sort();
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
  /** Reference solutions of the labs this one builds on (`referenceLabs`); none by default. */
  earlier?: Lab[];
  /** Labs whose files the learner changed in their labs folder are staged as theirs (`learnerLabsOf`). */
  learnerLabs?: Lab[];
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
  const labsFolder = labsFolderOf(o.labId, o.source);
  const own = labsFolder === undefined ? [] : learnerLabFiles(labsFolder, o.learnerLabs ?? []);
  // The learner's own files replace the reference ones at the same place.
  for (const f of [...importedEarlierFiles(o.labId, o.source, o.earlier ?? []), ...own]) {
    const dest = path.join(rootDir, 'labs', f.lab, f.rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o755 });
    fs.copyFileSync(f.source, dest);
    // Owned by the grader: the submission reads these, and cannot change what later checks load.
    fs.chmodSync(dest, 0o644);
  }
  // So a check can say whose earlier lab it ran (`whoseLabFile`).
  if (own.length > 0) {
    const list = path.join(rootDir, 'labs', OWN_FILES_LIST);
    fs.writeFileSync(list, `${JSON.stringify(own.map((f) => `${f.lab}/${f.rel}`))}\n`);
    fs.chmodSync(list, 0o644);
  }
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
 * Makes `solutions/` (every lab's answers, instructor checks and fixtures, and the reference
 * service that holds every answer) private to its owner, so sandbox users cannot read it even
 * by absolute path; what a submission may read of earlier labs is staged for it. Git does not
 * track folder modes.
 */
export function protectSolutions(): void {
  if (!isRoot()) return;
  const dir = path.join(REPO_ROOT, 'solutions');
  if (fs.existsSync(dir)) fs.chmodSync(dir, 0o700);
}
