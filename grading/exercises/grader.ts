/**
 * Runs an exercise's checks against the learner's functions: the checker cell of a lesson
 * (`grader.check('nb-03.1', logLossGradient)`) prints one ✓/✗ line per check and stops the
 * notebook when one fails; the grading hook reports the same results as JSON.
 *
 * Compiles with tslab's TypeScript 5.0 without `strict`, like check.ts.
 */
import { type Check, type ExerciseChecks, isPromise, type Outcome } from './check';

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

/** A value now, or later: what runs synchronous checks synchronously, and awaits the others. */
export type MaybePromise<T> = T | Promise<T>;

/** `then` for a value that may or may not be a Promise: synchronous when it is not. */
export function settle<T, U>(value: MaybePromise<T>, next: (v: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? Promise.resolve(value).then(next) : next(value as T);
}

/**
 * How long an asynchronous check may take, ms, unless it says otherwise: a server started,
 * asked twice and closed takes milliseconds; a hang must end well within the cell's 180 s.
 */
export const CHECK_TIME_LIMIT_MS = 10000;

/** Thrown when an asynchronous check has not settled within its time limit. */
class CheckTimedOut extends Error {}

function withinTimeLimit<T>(pending: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new CheckTimedOut(`no result within ${ms / 1000} s (the check's time limit)`)), ms);
    pending.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

type Settled = { ok: boolean; line: string };

function judged<F>(exercise: ExerciseChecks<F>, check: Check<F>, outcome: Outcome): Settled {
  if (outcome.ok) return { ok: true, line: `✓ ${check.name} (${outcome.figure})` };
  return { ok: false, line: failure(exercise, check, `expected ${outcome.expected}, got ${outcome.got}`) };
}

function thrown<F>(exercise: ExerciseChecks<F>, check: Check<F>, error: unknown): Settled {
  const stub = error instanceof Error ? NOT_IMPLEMENTED.exec(error.message) : null;
  if (stub) return { ok: false, line: failure(exercise, check, 'not implemented yet', stub[1]) };
  const got = error instanceof CheckTimedOut ? error.message : `an error: ${messageOf(error)}`;
  return { ok: false, line: failure(exercise, check, `expected ${check.describeExpected()}, got ${got}`) };
}

function runOne<F>(exercise: ExerciseChecks<F>, check: Check<F>, fns: F): MaybePromise<Settled> {
  let outcome: Outcome | Promise<Outcome>;
  try {
    outcome = check.judge(fns);
  } catch (error) {
    return thrown(exercise, check, error);
  }
  if (!isPromise(outcome)) return judged(exercise, check, outcome);
  return withinTimeLimit(Promise.resolve(outcome), check.timeLimitMs || CHECK_TIME_LIMIT_MS).then(
    (o) => judged(exercise, check, o),
    (error) => thrown(exercise, check, error),
  );
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

/**
 * Every check of `exercise` against the learner's `fns`, in order; never throws (nor rejects).
 * Synchronous when every check is; otherwise a Promise, the checks run one after another (two
 * servers of the learner's never run at once).
 */
export function runExercise<F>(exercise: ExerciseChecks<F>, fns: F, visibility: Visibility = 'public'): MaybePromise<CheckResult[]> {
  const missing = missingFunctions(exercise, fns);
  const call = `grader.check('${exercise.id}', ${exercise.uses.join(', ')})`;
  const results: CheckResult[] = [];
  const record = (check: Check<F>, run: Settled): void => {
    results.push({ exercise: exercise.id, name: check.name, visibility, ok: run.ok, line: run.line });
  };
  const from = (i: number): MaybePromise<CheckResult[]> => {
    for (; i < exercise.checks.length; i++) {
      const check = exercise.checks[i];
      const run: MaybePromise<Settled> = missing.length
        ? {
            ok: false,
            line: failure(exercise, check, `got no function named ${missing.join(', ')}`, `pass your function to the checker: ${call}`),
          }
        : runOne(exercise, check, fns);
      if (isPromise(run)) {
        const next = i + 1;
        return run.then((r) => (record(check, r), from(next)));
      }
      record(check, run);
    }
    return results;
  };
  return from(0);
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
   * An exercise with asynchronous checks (a server to start) returns a Promise instead, which
   * rejects with ExerciseFailed: its checker cell writes `await grader.check(…)`.
   * @param fns the learner's functions, in the order of the exercise's `uses`
   */
  check(id: string, ...fns: unknown[]): void | Promise<void>;
}

/** The grader of one notebook, over its public checks (`notebooks/checks/nb-NN.ts`). */
// biome-ignore lint/suspicious/noExplicitAny: a lesson's exercises check functions of different signatures
export function createGrader(checksFile: string, exercises: Array<ExerciseChecks<any>>): Grader {
  return {
    check(id, ...fns) {
      const exercise = find(exercises, id, checksFile);
      return settle(runExercise(exercise, byName(exercise.uses, fns)), (results) => {
        for (const r of results) console.log(r.line);
        const failed = results.filter((r) => !r.ok).length;
        if (failed) throw new ExerciseFailed(`${id}: ${failed} of ${results.length} checks failed (see ✗ above)`);
      });
    },
  };
}

/** Marks the grading hook's JSON line among whatever else a notebook printed. */
export const REPORT_PREFIX = 'exercise-report: ';

/**
 * The grading hook (a cell the grader appends to an executed learner notebook): public and
 * hidden checks of one exercise, printed as one JSON line after {@link REPORT_PREFIX}. An empty
 * hidden set runs the public checks only. A Promise when a check is asynchronous: the hook's
 * cell awaits it.
 */
export function reportExercise(
  id: string,
  // biome-ignore lint/suspicious/noExplicitAny: a lesson's exercises check functions of different signatures
  sets: { public: Array<ExerciseChecks<any>>; hidden: Array<ExerciseChecks<any>> },
  ...fns: unknown[]
): void | Promise<void> {
  const shown = find(sets.public, id, 'the public checks');
  // No hidden checks at all: a learner's own check run, which must not read them.
  const hidden = sets.hidden.length ? find(sets.hidden, id, 'the hidden checks') : null;
  const print = (results: CheckResult[]): void => console.log(REPORT_PREFIX + JSON.stringify(results));
  return settle(runExercise(shown, byName(shown.uses, fns), 'public'), (publicResults) =>
    hidden
      ? settle(runExercise(hidden, byName(hidden.uses, fns), 'hidden'), (hiddenResults) => print([...publicResults, ...hiddenResults]))
      : print(publicResults),
  );
}
