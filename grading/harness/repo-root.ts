/**
 * The repository root, for code that runs from the checkout (graders, tests, notebook tools,
 * deploy tests, benches). `npm start`'s modules keep their own in scripts/jupyter.ts, because the
 * notebooks image runs them with only scripts/ copied in. Code that also runs compiled inside an
 * image finds its root at run time instead (server-template's `repoRoot()`), because there this
 * file is not where it is here.
 */
import * as path from 'node:path';

/** The folder holding `grading/` (this file lives in grading/harness/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
