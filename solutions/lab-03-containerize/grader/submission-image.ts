/**
 * The submission's image, built once per graded submission and shared by every check that
 * needs it (the public Docker checks and the instructor's lifecycle checks). Each build stages
 * a copy of the repository and sends it to the engine; building it once per check file doubled
 * that work for every submission, and under load the second build is what ran out of time.
 * The image is removed when the submission's grading ends (`once`'s dispose).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { once, submission } from '../../../grading/harness';
import { buildImage, type LearnerContext, removeImage } from './image';

/** Every file under `dir` (relative paths, sorted), so a hash does not depend on listing order. */
function filesUnder(dir: string, rel = ''): string[] {
  const here = path.join(dir, rel);
  if (!fs.existsSync(here)) return [];
  return fs
    .readdirSync(here, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const child = path.join(rel, e.name);
      if (e.isDirectory()) return filesUnder(dir, child);
      return e.isFile() ? [child] : [];
    });
}

/** What decides the build: the Dockerfile, the .dockerignore and the learner's staged lab files. */
export function contextHash(dockerfile: string, learner: LearnerContext): string {
  const h = createHash('sha256').update(`Dockerfile\0${dockerfile}\0`);
  h.update(learner.dockerignore === undefined ? 'no .dockerignore\0' : `.dockerignore\0${learner.dockerignore}\0`);
  if (learner.labsDir !== undefined)
    for (const rel of filesUnder(learner.labsDir)) h.update(`${rel}\0`).update(fs.readFileSync(path.join(learner.labsDir, rel)));
  return h.digest('hex');
}

/**
 * The tag of the submitted Dockerfile's image, built on first use from the brief's build
 * context; every later caller in the same submission's run gets the same tag (or the same
 * build error).
 * @throws Error when the Dockerfile is missing
 */
export function submissionImage(): Promise<string> {
  const dockerfile = submission().readText('Dockerfile');
  if (dockerfile === undefined) return Promise.reject(new Error('the Dockerfile is missing'));
  const learner: LearnerContext = { labsDir: submission().stagedLabsDir, dockerignore: submission().readText('.dockerignore') };
  return once(`lab-03 image ${contextHash(dockerfile, learner)}`, () => buildImage(dockerfile, learner), { dispose: removeImage });
}
