/**
 * `builds_on`: labs are cumulative, so a later lab's learner files import an earlier lab's
 * files by relative path (`../../lab-01-ship-the-model/src/registry`). In `labs/` that path is
 * the learner's own earlier lab; when grading it is the earlier lab's reference solution,
 * staged beside the submission, so a lab's grade depends only on that lab's work.
 *
 * `labs.ts` validates the `builds_on` graph; this module finds which earlier-lab files a
 * submission's imports reach: only those are staged, and only files an earlier lab hands to learners
 * (its `files`), never its graders, instructor checks or fixtures.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ancestorsOf, type Lab, type LabConfig, LabError, listLabs } from './labs';
import { REPO_ROOT } from '../harness/repo-root';

const CODE = /\.[cm]?[jt]sx?$/;
/** Extensions tried, in order, for an import without one (what tsx and Node accept). */
const TRIED = ['', '.ts', '.tsx', '.js', '.mts', '.cts', '.mjs', '.cjs', '/index.ts', '/index.js'];

/**
 * Relative module specifiers written as string literals in `source`: import/export … from,
 * side-effect imports, `require(…)` and `import(…)`. A path computed at run time is not
 * seen, so what it names is not staged.
 */
export function relativeImports(source: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\bfrom\s*(['"])(\.{1,2}\/[^'"\n]*)\1/g,
    /\bimport\s*(['"])(\.{1,2}\/[^'"\n]*)\1/g,
    /\b(?:require|import)\s*\(\s*(['"])(\.{1,2}\/[^'"\n]*)\1\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.add(m[2] as string);
  return [...found].sort();
}

/** One earlier-lab file to stage: `labs/<lab>/<rel>` in the sandbox, copied from `source`. */
export interface StagedFile {
  lab: string;
  /** Lab-relative path with `/`. */
  rel: string;
  source: string;
}

/**
 * The earlier-lab files that the code under `submissionDir` (to be staged as `labs/<labId>/`)
 * imports, directly or through other staged files. An import is followed only into a lab
 * `labId` builds on, and only to one of that lab's learner files; anything else is left to
 * fail to load, as it would for a learner whose file is missing.
 * @param earlier the reference labs `labId` builds on (from `ancestorsOf`)
 */
export function importedEarlierFiles(labId: string, submissionDir: string, earlier: Lab[]): StagedFile[] {
  const byId = new Map(earlier.map((l) => [l.config.id, l]));
  const staged = new Map<string, StagedFile>();
  // Paths are kept relative to the sandbox's `labs/` folder, where every lab sits side by side.
  const queue: { at: string; text: string }[] = [];
  const enqueueFolder = (dir: string, rel: string): void => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const child = `${rel}/${d.name}`;
      if (d.isDirectory() && d.name !== 'node_modules') enqueueFolder(path.join(dir, d.name), child);
      else if (d.isFile() && CODE.test(d.name)) queue.push({ at: child, text: fs.readFileSync(path.join(dir, d.name), 'utf8') });
    }
  };
  enqueueFolder(submissionDir, labId);
  while (queue.length > 0) {
    const { at, text } = queue.shift()!;
    for (const spec of relativeImports(text)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(at), spec));
      const [lab, ...rest] = target.split('/');
      const ref = byId.get(lab ?? '');
      if (!ref || rest.length === 0) continue;
      const rel = TRIED.map((ext) => `${rest.join('/')}${ext}`).find((r) => ref.config.files.includes(r));
      if (rel === undefined || staged.has(`${lab}/${rel}`)) continue;
      const source = path.join(ref.dir, rel);
      if (!fs.existsSync(source)) throw new LabError(`${ref.config.id}/lab.json lists "${rel}", which does not exist`);
      staged.set(`${lab}/${rel}`, { lab: ref.config.id, rel, source });
      queue.push({ at: `${lab}/${rel}`, text: fs.readFileSync(source, 'utf8') });
    }
  }
  return [...staged.values()].sort((a, b) => (`${a.lab}/${a.rel}` < `${b.lab}/${b.rel}` ? -1 : 1));
}

/**
 * The reference solutions (in `solutions/`) of every lab `config` builds on, directly or not.
 * @throws LabError when one of them is not in `solutions/`
 */
export function referenceLabs(config: LabConfig, solutionsRoot = path.join(REPO_ROOT, 'solutions')): Lab[] {
  if (config.builds_on.length === 0) return [];
  const all = listLabs(solutionsRoot);
  const found = new Map<string, Lab>();
  for (const dep of config.builds_on) {
    const lab = all.find((l) => l.config.id === dep);
    if (!lab) throw new LabError(`${config.id} builds on ${dep}, whose reference solution is not in ${solutionsRoot}`);
    for (const l of [...ancestorsOf(all, dep), lab]) found.set(l.config.id, l);
  }
  return [...found.values()].sort((a, b) => (a.config.id < b.config.id ? -1 : 1));
}
