/**
 * The grading hook for notebooks: cells a grader appends to a learner's notebook before running
 * it in the kernel, and the reader of what they print. Each exercise gets its own cell, so a
 * function the learner deleted or broke costs that exercise only.
 */
import { type CheckResult, REPORT_PREFIX } from './grader';

/** What the hook needs of an exercise: its id and the learner functions its checks call. */
export interface HookExercise {
  id: string;
  uses: string[];
}

/**
 * The cells' sources: one that imports the notebook's public and hidden checks, then one per
 * exercise. Paths are root-relative, as the course kernel runs from the repository root.
 * @param notebook `nb-NN`
 * @param options.hidden false for public checks only (a learner's `npm run check`): no hidden import
 */
export function graderCells(notebook: string, exercises: HookExercise[], options: { hidden?: boolean } = {}): string[] {
  const setup = [
    `import { reportExercise as hookReport } from './grading/exercises/grader';`,
    `import { exercises as hookPublicChecks } from './notebooks/checks/${notebook}';`,
    options.hidden === false
      ? 'const hookHiddenChecks = [];'
      : `import { exercises as hookHiddenChecks } from './solutions/notebooks/checks/${notebook}';`,
  ].join('\n');
  // Awaited, so an exercise with asynchronous checks (a server to start) reports before the cell ends.
  const perExercise = exercises.map(
    (e) => `await hookReport('${e.id}', { public: hookPublicChecks, hidden: hookHiddenChecks }, ${e.uses.join(', ')});`,
  );
  return [setup, ...perExercise];
}

/** Every check result the hook printed, from the text of the executed cells' outputs. */
export function parseReports(printed: string): CheckResult[] {
  return printed
    .split('\n')
    .filter((line) => line.startsWith(REPORT_PREFIX))
    .flatMap((line) => JSON.parse(line.slice(REPORT_PREFIX.length)) as CheckResult[]);
}
