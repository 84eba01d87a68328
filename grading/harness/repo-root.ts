/**
 * The repository root, for code that runs from the checkout (graders, tests, scripts, deploy
 * tests, benches). Code that also runs compiled inside an image finds its root at run time
 * instead (server-template's `repoRoot()`), because there this file is not where it is here.
 */
import * as path from 'node:path';

/** The folder holding `grading/` (this file lives in grading/harness/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
