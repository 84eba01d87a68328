/**
 * Helpers for the meta-tests of a lesson's checks: run an exercise's public and hidden checks
 * against a candidate answer and collect the ✗ lines.
 */
import assert from 'node:assert/strict';
import type { ExerciseChecks } from '../../../grading/exercises/check';
import { type CheckResult, runExercise } from '../../../grading/exercises/grader';

type AnyExercise = ExerciseChecks<never>;

/** The results of an exercise whose checks are all synchronous (most lessons'). */
export function resultsNow(exercise: AnyExercise, fns: Record<string, unknown>): CheckResult[] {
  const results = runExercise(exercise, fns as never);
  // A Promise here would make every "catches a mistake" assertion pass on an empty list.
  assert.ok(Array.isArray(results), `${exercise.id} has asynchronous checks: use eventualFailuresIn`);
  return results;
}

function exercisesOf(id: string, sets: ReadonlyArray<unknown>): AnyExercise[] {
  return (sets.flat() as AnyExercise[]).filter((e) => e.id === id);
}

const failed = (results: CheckResult[]): string[] => results.filter((r) => !r.ok).map((r) => r.line);

/**
 * @param defaults the checks run when a call names none (usually the public and the hidden set)
 * @returns `failures(id, fns, sets?)`: the ✗ lines of exercise `id` run on `fns`
 */
export function failuresIn(...defaults: ReadonlyArray<readonly unknown[]>) {
  return (id: string, fns: Record<string, unknown>, sets: ReadonlyArray<unknown> = defaults.flat()): string[] =>
    failed(exercisesOf(id, sets).flatMap((e) => resultsNow(e, fns)));
}

/** `failuresIn` for exercises with asynchronous checks (a server to start): the ✗ lines, awaited. */
export function eventualFailuresIn(...defaults: ReadonlyArray<readonly unknown[]>) {
  return async (id: string, fns: Record<string, unknown>, sets: ReadonlyArray<unknown> = defaults.flat()): Promise<string[]> => {
    const results: CheckResult[] = [];
    for (const e of exercisesOf(id, sets)) results.push(...(await runExercise(e, fns as never)));
    return failed(results);
  };
}

const STUB_LINE = /not implemented yet; hint: a hint/;

function stubFor(id: string): () => never {
  return () => {
    throw new Error(`${id}: not implemented — a hint`);
  };
}

/** A stub that throws as the learner's notebook does fails every check of its exercise, each with the stub's hint. */
export function assertStubFailsEveryCheck(failures: ReturnType<typeof failuresIn>, id: string, fn: string, checkCount: number): void {
  const lines = failures(id, { [fn]: stubFor(id) });
  assert.equal(lines.length, checkCount);
  for (const line of lines) assert.match(line, STUB_LINE);
}

/** `assertStubFailsEveryCheck` for an exercise with asynchronous checks; await it. */
export async function assertStubFailsEveryCheckEventually(
  failures: ReturnType<typeof eventualFailuresIn>,
  id: string,
  fn: string,
  checkCount: number,
): Promise<void> {
  const lines = await failures(id, { [fn]: stubFor(id) });
  assert.equal(lines.length, checkCount);
  for (const line of lines) assert.match(line, STUB_LINE);
}
