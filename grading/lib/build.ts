/**
 * Generates `labs/<id>/` from `solutions/<id>/` in memory: brief, lab.json, public graders,
 * learner files with every marked region stubbed. Instructor tests and fixture submissions
 * never leave `solutions/`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listLabs, type Lab, LabError } from './labs';
import { findRegions, toStarter } from './markers';

/** Lab-relative folders that stay instructor-only. */
export const PRIVATE_DIRS = ['instructor', 'submissions', 'node_modules'];

/**
 * Lab-relative folders that hold the learner's own output, never generated: lesson 04 exports
 * the learner's model into `labs/lab-01-ship-the-model/models/`. The check ignores them and a
 * rebuild keeps them, so regenerating the labs never deletes a learner's work.
 */
export const LEARNER_OUTPUT_DIRS = ['models'];

/** Generated files of one lab: lab-relative path (with `/`) → contents. */
export type LabFiles = Map<string, Buffer>;

/** Every file under `dir`, lab-relative with `/`, sorted, skipping `skip` top-level folders. */
export function walk(dir: string, skip: string[] = []): string[] {
  const out: string[] = [];
  const visit = (rel: string): void => {
    for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${d.name}` : d.name;
      if (!rel && skip.includes(d.name)) continue;
      if (d.isDirectory()) visit(child);
      else if (d.isFile()) out.push(child);
    }
  };
  visit('');
  return out.sort();
}

function isText(buf: Buffer): boolean {
  return !buf.includes(0);
}

/** The starter files of one lab. @throws MarkerError or LabError naming the file */
export function buildLab(lab: Lab): LabFiles {
  const files: LabFiles = new Map();
  for (const f of lab.config.files) {
    if (!fs.existsSync(path.join(lab.dir, f))) throw new LabError(`${lab.config.id}/lab.json lists "${f}", which does not exist`);
  }
  for (const rel of walk(lab.dir, PRIVATE_DIRS)) {
    const buf = fs.readFileSync(path.join(lab.dir, rel));
    const shown = `solutions/${lab.config.id}/${rel}`;
    if (!isText(buf)) {
      files.set(rel, buf);
      continue;
    }
    const text = buf.toString('utf8');
    if (rel.startsWith('grader/') && findRegions(shown, text).length > 0) {
      throw new LabError(`${shown}: public graders are copied as they are; move solution regions out of grader/`);
    }
    files.set(rel, Buffer.from(toStarter(lab.config.id, shown, text), 'utf8'));
  }
  return files;
}

/** Differences between generated files and a folder on disk, as readable lines. */
export function diffLab(files: LabFiles, dir: string): string[] {
  const problems: string[] = [];
  const onDisk = fs.existsSync(dir) ? walk(dir, LEARNER_OUTPUT_DIRS) : [];
  for (const [rel, buf] of files) {
    const p = path.join(dir, rel);
    if (!fs.existsSync(p)) problems.push(`missing: ${rel}`);
    else if (!fs.readFileSync(p).equals(buf)) problems.push(`out of date: ${rel}`);
  }
  for (const rel of onDisk) if (!files.has(rel)) problems.push(`not generated from solutions/: ${rel}`);
  return problems;
}

/** Replaces `dir` with exactly `files`, keeping the learner's output folders. */
export function writeLab(files: LabFiles, dir: string): void {
  if (fs.existsSync(dir)) {
    for (const entry of fs.readdirSync(dir)) {
      if (!LEARNER_OUTPUT_DIRS.includes(entry)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
  for (const [rel, buf] of files) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, buf);
  }
}

/** Result of building or checking every lab. */
export interface BuildReport {
  labs: string[];
  /** `<lab id>: <problem>` lines; empty when `labs/` matches `solutions/`. */
  stale: string[];
}

/**
 * Builds every `solutions/lab-*` that has a `lab.json` into `labsRoot`; with `check`,
 * writes nothing and reports what differs.
 */
export function buildAll(solutionsRoot: string, labsRoot: string, check: boolean): BuildReport {
  const labs = listLabs(solutionsRoot);
  const stale: string[] = [];
  for (const lab of labs) {
    const files = buildLab(lab);
    const dir = path.join(labsRoot, lab.config.id);
    if (check) stale.push(...diffLab(files, dir).map((p) => `${lab.config.id}: ${p}`));
    else writeLab(files, dir);
  }
  const known = new Set(labs.map((l) => l.config.id));
  for (const l of listLabs(labsRoot)) if (!known.has(l.config.id)) stale.push(`${l.config.id}: no longer in solutions/`);
  return { labs: labs.map((l) => l.config.id), stale };
}
