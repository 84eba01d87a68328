/** Errors about model artifacts always name the file at fault, so the fix is obvious. */

export type ArtifactProblem = 'missing' | 'corrupt' | 'invalid';

export class ArtifactError extends Error {
  /** The file (relative to the artifact folder) or folder at fault. */
  readonly file: string;
  readonly problem: ArtifactProblem;

  constructor(file: string, problem: ArtifactProblem, detail: string) {
    super(`model artifact: ${file} is ${problem}: ${detail}`);
    this.name = 'ArtifactError';
    this.file = file;
    this.problem = problem;
  }
}
