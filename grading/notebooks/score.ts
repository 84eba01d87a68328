/**
 * Scores a notebook from what its hook cells printed. Each exercise of P points is two tests:
 * its public checks (P/2) and its hidden checks (P/2), each all-or-nothing — every check of the
 * group must pass. An exercise whose hook cell reported nothing (its function is gone, or does
 * not compile) scores 0 with the reason; the other exercises still count.
 */
import type { CheckResult } from '../exercises/grader';
import { parseReports } from '../exercises/hook';
import type { TestResult, Visibility } from '../harness/results';
import type { GradedExercise } from './notebooks';

/** Public and hidden share of an exercise's points. */
export const PUBLIC_SHARE = 0.5;

/** What the hook cells printed: the setup cell's text, then one text per exercise (absent when not run). */
export interface HookOutput {
  setup?: string;
  perExercise: Array<string | undefined>;
}

export interface ScoreInput {
  exercises: readonly GradedExercise[];
  hook: HookOutput;
  /** Exercise ids whose exercise cell the learner removed. */
  missing: readonly string[];
  hiddenVisibility: Visibility;
  /** Leave the hidden checks out (`npm run check`). */
  publicOnly?: boolean;
}

/** The first line of a cell's text that says what went wrong (tslab prints compile errors as text). */
export function reasonIn(text: string | undefined): string {
  const lines = (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.find((l) => /error|cannot|not defined|TS\d+/i.test(l)) ?? lines[0] ?? 'it printed nothing').slice(0, 300);
}

function whyNotRun(e: GradedExercise, input: ScoreInput, text: string | undefined): string {
  const gone = input.missing.includes(e.id) ? ` The exercise cell ("// Exercise ${e.id} — …") is not in the notebook.` : '';
  if (input.hook.setup !== undefined && parseReports(input.hook.setup).length === 0 && /error/i.test(input.hook.setup)) {
    return `not graded: the checks could not be loaded (${reasonIn(input.hook.setup)}).`;
  }
  if (text === undefined) return `not graded: the notebook stopped before the grader reached ${e.id}.${gone}`;
  return `not graded: calling ${e.uses.join(', ')} failed: ${reasonIn(text)}.${gone} Keep the exercise's function, with its name, in the notebook.`;
}

function group(e: GradedExercise, results: CheckResult[], which: 'public' | 'hidden', visibility: Visibility, why: string): TestResult {
  const mine = results.filter((r) => r.visibility === which);
  const share = which === 'public' ? PUBLIC_SHARE : 1 - PUBLIC_SHARE;
  const max = e.points * share;
  const ok = mine.length > 0 && mine.every((r) => r.ok);
  const output = mine.length ? mine.map((r) => r.line).join('\n') : why;
  return {
    name: `${e.id} ${e.title}: ${which} checks`,
    score: ok ? max : 0,
    max_score: max,
    output: ok ? `passed\n${output}` : output,
    visibility,
  };
}

/** One public and one hidden test per exercise, in the notebook's order. */
export function scoreNotebook(input: ScoreInput): TestResult[] {
  return input.exercises.flatMap((e, i) => {
    const text = input.hook.perExercise[i];
    const results = parseReports(text ?? '').filter((r) => r.exercise === e.id);
    const why = results.length ? `not graded: no ${e.id} checks reported` : whyNotRun(e, input, text);
    const shown = group(e, results, 'public', 'visible', why);
    return input.publicOnly ? [shown] : [shown, group(e, results, 'hidden', input.hiddenVisibility, why)];
  });
}
