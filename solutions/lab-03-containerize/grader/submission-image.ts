/**
 * The submission's image, built once per graded submission and shared by every check that
 * needs it (the public Docker checks and the instructor's lifecycle checks). Each build stages
 * a copy of the repository and sends it to the engine; building it once per check file doubled
 * that work for every submission, and under load the second build is what ran out of time.
 * `once` keeps it per submission (its Dockerfile, .dockerignore and staged labs do not change
 * during its run) and removes the image when the submission's grading ends.
 */
import { once, submission } from '../../../grading/harness';
import { buildImage, type LearnerContext, removeImage } from './image';

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
  return once('lab-03 submission image', () => buildImage(dockerfile, learner), { dispose: removeImage });
}
