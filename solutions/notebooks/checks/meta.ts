/**
 * Helpers for the meta-tests of a lesson's checks: run an exercise's public and hidden checks
 * against a candidate answer and collect the ✗ lines.
 */
import assert from 'node:assert/strict';
import type { ExerciseChecks } from '../../../grading/exercises/check';
import { runExercise } from '../../../grading/exercises/grader';

type AnyExercise = ExerciseChecks<never>;

/**
 * @param defaults the checks run when a call names none (usually the public and the hidden set)
 * @returns `failures(id, fns, sets?)`: the ✗ lines of exercise `id` run on `fns`
 */
export function failuresIn(...defaults: ReadonlyArray<readonly unknown[]>) {
  return (id: string, fns: Record<string, unknown>, sets: ReadonlyArray<unknown> = defaults.flat()): string[] =>
    (sets.flat() as AnyExercise[])
      .filter((e) => e.id === id)
      .flatMap((e) => runExercise(e, fns as never))
      .filter((r) => !r.ok)
      .map((r) => r.line);
}

/** A stub that throws as the learner's notebook does fails every check of its exercise, each with the stub's hint. */
export function assertStubFailsEveryCheck(failures: ReturnType<typeof failuresIn>, id: string, fn: string, checkCount: number): void {
  const stub = (): never => {
    throw new Error(`${id}: not implemented — a hint`);
  };
  const lines = failures(id, { [fn]: stub });
  assert.equal(lines.length, checkCount);
  for (const line of lines) assert.match(line, /not implemented yet; hint: a hint/);
}
