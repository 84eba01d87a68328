/**
 * `learner_labs`: a lab that runs the learner's service (lab 02 onward run their lab 01 route;
 * lab 03 builds their image) runs the learner's own code of other labs, not their reference
 * answers: a bug in their lab 02 shows in their container. The learner's labs folder is the one
 * their graded lab sits in (`labs/lab-03-containerize/` → `labs/`); a file counts as theirs when
 * it differs from the starter `npm run labs:build` generates, so an untouched starter (a lab not
 * done yet) leaves the reference answer in its place, as `builds_on` staging does. A lab's
 * `models/` folder (lab 01's: the learner's export from notebook 04) is staged with it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/repo-root';
import { buildLab } from './build';
import type { StagedFile } from './builds-on';
import { type Lab, type LabConfig, LabError, listLabs } from './labs';

/**
 * The reference labs `config.learner_labs` names (in `solutions/`).
 * @throws LabError naming the lab.json when one is not a lab there
 */
export function learnerLabsOf(config: LabConfig, solutionsRoot = path.join(REPO_ROOT, 'solutions')): Lab[] {
  const wanted = config.learner_labs ?? [];
  if (wanted.length === 0) return [];
  const all = listLabs(solutionsRoot);
  return wanted.map((id) => {
    const lab = all.find((l) => l.config.id === id);
    if (!lab) throw new LabError(`${config.id}/lab.json: "learner_labs" names "${id}", which is not a lab in ${solutionsRoot}`);
    return lab;
  });
}

/**
 * The learner's labs folder for a submission at `source`: its parent when the submission is a
 * lab folder named for the graded lab (as in `labs/`), else none (a loose set of files).
 */
export function labsFolderOf(labId: string, source: string): string | undefined {
  return path.basename(path.resolve(source)) === labId ? path.dirname(path.resolve(source)) : undefined;
}

/** A regular file's bytes (never through a link), or undefined. */
function regularFile(file: string): Buffer | undefined {
  try {
    return fs.lstatSync(file).isFile() ? fs.readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** A learner's exported models bigger than this, in all, are not staged (a model of the course is about 1 MB). */
export const MAX_EXPORT_BYTES = 64 << 20;

/** How deep `models/` is read: `models/<name>/<version>/<file>`, and one level more to spare. */
const EXPORT_DEPTH = 4;

/**
 * The regular files under `<labDir>/models/` (links and deeper folders are left out), or none
 * when they hold more than MAX_EXPORT_BYTES: a model staged by halves would fail its checksum.
 */
function exportedModels(labDir: string, lab: string): StagedFile[] {
  const found: StagedFile[] = [];
  let bytes = 0;
  const walk = (dir: string, rel: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of entries) {
      const child = `${rel}/${d.name}`;
      if (d.isDirectory() && depth < EXPORT_DEPTH) walk(path.join(dir, d.name), child, depth + 1);
      else if (d.isFile()) {
        bytes += fs.statSync(path.join(dir, d.name)).size;
        found.push({ lab, rel: child, source: path.join(dir, d.name) });
      }
    }
  };
  // The folder itself must not be a link either.
  if (fs.lstatSync(path.join(labDir, 'models'), { throwIfNoEntry: false })?.isDirectory()) walk(path.join(labDir, 'models'), 'models', 1);
  return bytes > MAX_EXPORT_BYTES ? [] : found.sort((a, b) => (a.rel < b.rel ? -1 : 1));
}

/**
 * The files of `labs` that the learner changed in `labsFolder` (`<labsFolder>/<lab id>/<file>`,
 * only the lab's `files`), and what they exported into the lab's `models/`, to stage at
 * `labs/<lab id>/<file>`.
 */
export function learnerLabFiles(labsFolder: string, labs: Lab[]): StagedFile[] {
  const staged: StagedFile[] = [];
  for (const lab of labs) {
    const starter = buildLab(lab);
    for (const rel of lab.config.files) {
      const source = path.join(labsFolder, lab.config.id, rel);
      const own = regularFile(source);
      if (own !== undefined && !own.equals(starter.get(rel) ?? Buffer.alloc(0))) staged.push({ lab: lab.config.id, rel, source });
    }
    staged.push(...exportedModels(path.join(labsFolder, lab.config.id), lab.config.id));
  }
  return staged;
}

/** In the staged `labs/` folder: the learner's own files `stage` put there (`<lab id>/<rel>`), as JSON. */
export const OWN_FILES_LIST = '.learner-files.json';

/**
 * Whose `labs/<lab id>/<rel>` a graded run loaded, for a check's note: `yours` when `stage` put
 * the learner's own file there, `reference` when it staged the reference answer (the learner's is
 * an untouched starter, or not in what was graded), `missing` when nothing is there.
 * @param stagedLabsDir `submission().stagedLabsDir`
 */
export function whoseLabFile(stagedLabsDir: string, labId: string, rel: string): 'yours' | 'reference' | 'missing' {
  let own: unknown = [];
  try {
    own = JSON.parse(fs.readFileSync(path.join(stagedLabsDir, OWN_FILES_LIST), 'utf8'));
  } catch {
    // No list: nothing of the learner's was staged.
  }
  if (Array.isArray(own) && own.includes(`${labId}/${rel}`)) return 'yours';
  return regularFile(path.join(stagedLabsDir, labId, rel)) === undefined ? 'missing' : 'reference';
}

/** One earlier-lab part a check names in its note: `what` (e.g. "lab 01 route") is `rel` of `lab`. */
export interface EarlierPart {
  lab: string;
  rel: string;
  what: string;
}

/**
 * Which of the learner's earlier labs a graded run loaded, in words for a check's note, e.g.
 * "your own lab 01 route (lab-01-ship-the-model/src/app.ts), the reference lab 02 validator".
 * @param stagedLabsDir `submission().stagedLabsDir`
 */
export function describeEarlierParts(stagedLabsDir: string, parts: EarlierPart[]): string {
  return parts
    .map((p) =>
      whoseLabFile(stagedLabsDir, p.lab, p.rel) === 'yours' ? `your own ${p.what} (${p.lab}/${p.rel})` : `the reference ${p.what}`,
    )
    .join(', ');
}
