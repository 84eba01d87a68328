/**
 * Runs an exercise's checks against the learner's functions: the checker cell of a lesson
 * (`grader.check('nb-03.1', logLossGradient)`) prints one ✓/✗ line per check and stops the
 * notebook when one fails; the grading hook reports the same results as JSON.
 *
 * Compiles with tslab's TypeScript 5.0 without `strict`, like check.ts.
 */
import type { Check, ExerciseChecks } from './check';

export type Visibility = 'public' | 'hidden';

/** One check run, as printed and as a grader records it. */
export interface CheckResult {
  exercise: string;
  name: string;
  visibility: Visibility;
  ok: boolean;
  /** The ✓/✗ line. */
  line: string;
}

/** Thrown by a checker cell when a check fails; its lines were printed, so no stack trace. */
export class ExerciseFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExerciseFailed';
    this.stack = `${this.name}: ${message}`;
  }
}

// The message of a starter's stub: "<exercise id>: not implemented — <hint>".
const NOT_IMPLEMENTED = /^[\w.-]+: not implemented — ([\s\S]*)$/;

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function failure<F>(exercise: ExerciseChecks<F>, check: Check<F>, what: string, hint = check.hint): string {
  return `✗ ${check.name}: ${what}; hint: ${hint} (see "${exercise.section}")`;
}

function runOne<F>(exercise: ExerciseChecks<F>, check: Check<F>, fns: F): { ok: boolean; line: string } {
  try {
    const outcome = check.judge(fns);
    if (outcome.ok) return { ok: true, line: `✓ ${check.name} (${outcome.figure})` };
    return { ok: false, line: failure(exercise, check, `expected ${outcome.expected}, got ${outcome.got}`) };
  } catch (error) {
    const stub = error instanceof Error ? NOT_IMPLEMENTED.exec(error.message) : null;
    if (stub) return { ok: false, line: failure(exercise, check, 'not implemented yet', stub[1]) };
    return { ok: false, line: failure(exercise, check, `expected ${check.describeExpected()}, got an error: ${messageOf(error)}`) };
  }
}

/**
 * The learner's functions by the names the checks use, from the positional arguments of a
 * checker call. (Positional, because tslab does not resolve a shorthand property such as
 * `{ logLossGradient }` that names an earlier cell's function.)
 */
export function byName(uses: string[], fns: unknown[]): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  uses.forEach((name, i) => (named[name] = fns[i]));
  return named;
}

/** Names in `exercise.uses` that `fns` does not hold as functions. */
function missingFunctions<F>(exercise: ExerciseChecks<F>, fns: F): string[] {
  const given = (fns || {}) as Record<string, unknown>;
  return exercise.uses.filter((name) => typeof given[name] !== 'function');
}

/** Every check of `exercise` against the learner's `fns`, in order; never throws. */
export function runExercise<F>(exercise: ExerciseChecks<F>, fns: F, visibility: Visibility = 'public'): CheckResult[] {
  const missing = missingFunctions(exercise, fns);
  const call = `grader.check('${exercise.id}', ${exercise.uses.join(', ')})`;
  return exercise.checks.map((check) => {
    const run = missing.length
      ? {
          ok: false,
          line: failure(exercise, check, `got no function named ${missing.join(', ')}`, `pass your function to the checker: ${call}`),
        }
      : runOne(exercise, check, fns);
    return { exercise: exercise.id, name: check.name, visibility, ok: run.ok, line: run.line };
  });
}

function find<F>(exercises: Array<ExerciseChecks<F>>, id: string, where: string): ExerciseChecks<F> {
  const found = exercises.filter((e) => e.id === id)[0];
  if (!found) throw new Error(`${where} has no checks for exercise "${id}" (it has ${exercises.map((e) => e.id).join(', ') || 'none'})`);
  return found;
}

/** What a lesson's checker cell calls: `grader.check(id, yourFunction, …)`. */
export interface Grader {
  /**
   * Prints one line per check; throws ExerciseFailed when any fails, so "Run all" stops there.
   * @param fns the learner's functions, in the order of the exercise's `uses`
   */
  check(id: string, ...fns: unknown[]): void;
}

/** The grader of one notebook, over its public checks (`notebooks/checks/nb-NN.ts`). */
// biome-ignore lint/suspicious/noExplicitAny: a lesson's exercises check functions of different signatures
export function createGrader(checksFile: string, exercises: Array<ExerciseChecks<any>>): Grader {
  return {
    check(id, ...fns) {
      const exercise = find(exercises, id, checksFile);
      const results = runExercise(exercise, byName(exercise.uses, fns));
      for (const r of results) console.log(r.line);
      const failed = results.filter((r) => !r.ok).length;
      if (failed) throw new ExerciseFailed(`${id}: ${failed} of ${results.length} checks failed (see ✗ above)`);
    },
  };
}

/** Marks the grading hook's JSON line among whatever else a notebook printed. */
export const REPORT_PREFIX = 'exercise-report: ';

/**
 * The grading hook (a cell the grader appends to an executed learner notebook): public and
 * hidden checks of one exercise, printed as one JSON line after {@link REPORT_PREFIX}. An empty
 * hidden set runs the public checks only.
 */
export function reportExercise(
  id: string,
  // biome-ignore lint/suspicious/noExplicitAny: a lesson's exercises check functions of different signatures
  sets: { public: Array<ExerciseChecks<any>>; hidden: Array<ExerciseChecks<any>> },
  ...fns: unknown[]
): void {
  const shown = find(sets.public, id, 'the public checks');
  // No hidden checks at all: a learner's own check run, which must not read them.
  const hidden = sets.hidden.length ? [find(sets.hidden, id, 'the hidden checks')] : [];
  const results = [
    ...runExercise(shown, byName(shown.uses, fns), 'public'),
    ...hidden.flatMap((h) => runExercise(h, byName(h.uses, fns), 'hidden')),
  ];
  console.log(REPORT_PREFIX + JSON.stringify(results));
}
