/**
 * What lab graders import. A check is a mocha test worth some points with a hint for the
 * learner; it talks to the submission only through `submission()`, which runs the learner's
 * code in another process.
 *
 * ```ts
 * check('accuracy of a perfect guess is 1', 2, 'src/metrics.ts: accuracy()', async () => {
 *   expectClose(await submission().call('src/metrics.ts', 'accuracy', [[1, 0], [1, 0]]), 1);
 * });
 * ```
 */
import { AssertionError } from 'node:assert/strict';
import type { Sandbox } from '../sandbox/client';

export { excerpt, expectStatus, request, requestJson, type AppResponse, type JsonResponse, type RequestOptions } from './http';

/** Points and hint of each check, read by the results reporter. */
export const checkInfo = new WeakMap<Mocha.Test, { points: number; hint: string }>();

let current: Sandbox | undefined;

/** Set by the runner before graders run. */
export function setSubmission(s: Sandbox | undefined): void {
  current = s;
}

/** The submission under test. */
export function submission(): Sandbox {
  if (!current) throw new Error('no submission: run graders through npm run check or npm run grade');
  return current;
}

const memos = new WeakMap<Sandbox, Map<string, Promise<unknown>>>();
const disposals = new WeakMap<Sandbox, (() => Promise<void>)[]>();

/**
 * Runs `make` once per submission and `key`; every check that asks shares the result, so
 * checks can share an app or a replay of traffic without depending on which runs first. With
 * `dispose`, what `make` made is disposed of when the submission's grading ends
 * (`disposeShared`), so checks in several grader files can share it (a built image, say).
 */
export function once<T>(key: string, make: () => Promise<T>, options: { dispose?: (made: T) => Promise<void> } = {}): Promise<T> {
  const s = submission();
  const memo = memos.get(s) ?? new Map<string, Promise<unknown>>();
  memos.set(s, memo);
  if (!memo.has(key)) {
    const made = make();
    memo.set(key, made);
    const { dispose } = options;
    if (dispose) {
      const list = disposals.get(s) ?? [];
      disposals.set(s, list);
      list.push(() => made.then(dispose, () => undefined));
    }
  }
  return memo.get(key) as Promise<T>;
}

/**
 * Disposes of what the submission's checks shared with a `dispose` (newest first), and forgets
 * what they shared. Called by the runner once every check has run; a failing disposal is
 * skipped, so the others still run.
 */
export async function disposeShared(s: Sandbox): Promise<void> {
  const list = disposals.get(s) ?? [];
  disposals.delete(s);
  memos.delete(s);
  for (const dispose of list.reverse()) await dispose().catch(() => undefined);
}

/**
 * The unix socket of the app `factory(...args)` exported by `file`, started on first use and
 * shared by the submission's checks that ask with the same arguments and `instance` (a name,
 * to get a fresh app for checks that change its state). `startMs` bounds the start.
 */
export function servedApp(
  file: string,
  factory: string,
  args: unknown[],
  options: { startMs?: number; instance?: string } = {},
): Promise<string> {
  return once(`serve ${JSON.stringify([file, factory, args, options.instance ?? ''])}`, () =>
    submission().serve(file, factory, args, options.startMs),
  );
}

/**
 * Declares a check worth `points` (partial credit: a lab's score is the sum of passed checks).
 * @param hint where the learner should look when it fails (file, function, notebook section)
 */
export function check(name: string, points: number, hint: string, fn: () => Promise<void> | void): Mocha.Test {
  if (!(points >= 0)) throw new Error(`check "${name}": points must be >= 0`);
  const test = it(name, async function () {
    running = this.test as Mocha.Test;
    try {
      await fn();
    } catch (e) {
      if (!(e instanceof CheckSkipped)) throw e;
      skipReasons.set(this.test as Mocha.Test, e.message);
      this.skip();
    } finally {
      running = undefined;
    }
  });
  checkInfo.set(test, { points, hint });
  return test;
}

/** The check running now (mocha runs one at a time), for `note`. */
let running: Mocha.Test | undefined;

/** What a check noted for the learner, read by the results reporter. */
export const checkNotes = new WeakMap<Mocha.Test, string>();

/**
 * Adds a line to the running check's result, shown even when it passes: what the check found
 * that the learner should know (which model it served, say). Only inside a check.
 */
export function note(message: string): void {
  if (!running) throw new Error('note() can only be called while a check runs');
  checkNotes.set(running, message);
}

/** Why each skipped check could not run, read by the results reporter. */
export const skipReasons = new WeakMap<Mocha.Test, string>();

/** Thrown by `skipCheck`. */
export class CheckSkipped extends Error {
  override name = 'CheckSkipped';
}

/**
 * Ends the current check as skipped: what it needs is missing on this machine (a Docker
 * engine), which is not the learner's doing. A skipped check counts for neither the score nor
 * the maximum, and the results say why it was skipped.
 */
export function skipCheck(reason: string): never {
  throw new CheckSkipped(reason);
}

function fail(message: string, expected: unknown, actual: unknown): never {
  throw new AssertionError({ message, expected, actual, operator: 'check' });
}

/** Asserts `got` is a number within `tol` of `expected` (absolute). */
export function expectClose(got: unknown, expected: number, tol = 1e-9, what = 'value'): void {
  if (typeof got !== 'number') fail(`${what} should be a number`, expected, got);
  const ok = Number.isNaN(expected) ? Number.isNaN(got) : Math.abs(got - expected) <= tol;
  if (!ok) fail(`${what} should be ${expected} (± ${tol})`, expected, got);
}

/** Asserts deep equality of JSON-like values. */
export function expectEqual(got: unknown, expected: unknown, what = 'result'): void {
  if (JSON.stringify(got) !== JSON.stringify(expected)) fail(`${what} differs`, expected, got);
}
