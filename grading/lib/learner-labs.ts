/**
 * `learner_labs`: a lab whose work is the whole service (lab 03 builds the learner's image)
 * runs the learner's own code of other labs, not their reference answers: a bug in their lab 02
 * shows in their container. The learner's labs folder is the one their graded lab sits in
 * (`labs/lab-03-containerize/` → `labs/`); a file counts as theirs when it differs from the
 * starter `npm run labs:build` generates, so an untouched starter (a lab not done yet) leaves
 * the reference answer in its place, as `builds_on` staging does.
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

/**
 * The files of `labs` that the learner changed in `labsFolder` (`<labsFolder>/<lab id>/<file>`,
 * only the lab's `files`), to stage at `labs/<lab id>/<file>`.
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
  }
  return staged;
}
