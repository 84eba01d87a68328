/**
 * What a learner may see of a check, and when (Gradescope's `visibility`): public checks at
 * once, `after_due_date` checks after the deadline, `after_published` checks once grades are
 * published, `hidden` checks never. Feedback says exactly what ran and never quotes a check
 * whose time has not come: not its name, its inputs, its expected value or its hint.
 */
import type { Results, TestResult, Visibility } from '../harness/results';

/** When the feedback is read. */
export type Phase = 'before_due_date' | 'after_due_date' | 'after_published';

export const PHASES: readonly Phase[] = ['before_due_date', 'after_due_date', 'after_published'];

/** Whether a check of visibility `v` may be shown in full during `phase`. */
export function shownAt(v: Visibility, phase: Phase): boolean {
  if (v === 'visible') return true;
  if (v === 'after_due_date') return phase !== 'before_due_date';
  if (v === 'after_published') return phase === 'after_published';
  return false;
}

/** The checks that may be shown in full during `phase`, and the ones withheld. */
export function splitTests(tests: readonly TestResult[], phase: Phase): { shown: TestResult[]; withheld: TestResult[] } {
  const shown = tests.filter((t) => shownAt(t.visibility, phase));
  return { shown, withheld: tests.filter((t) => !shown.includes(t)) };
}

const points = (tests: readonly TestResult[], key: 'score' | 'max_score'): number => tests.reduce((s, t) => s + t[key], 0);

/** When withheld checks become visible, for the sentence that says they exist. */
function whenShown(withheld: readonly TestResult[], phase: Phase): string {
  if (withheld.every((t) => t.visibility === 'hidden')) return 'count in the final score; their details are not shown';
  return phase === 'before_due_date' ? 'are graded after the deadline' : 'are shown when grades are published';
}

/**
 * The score line of the feedback: the full score only when every check is shown, otherwise
 * "public checks 8/10 — 10 points of hidden checks are graded after the deadline".
 * Hidden checks' own scores are given only once grades are published.
 */
export function scoreLine(r: Results, phase: Phase): string {
  const { shown, withheld } = splitTests(r.tests, phase);
  if (withheld.length === 0) return `**Score: ${r.score} / ${r.max_score}**`;
  const label = shown.every((t) => t.visibility === 'visible') ? 'public checks' : 'checks shown';
  const total = phase === 'after_published' ? ` (total ${r.score} / ${r.max_score})` : '';
  return `**${label} ${points(shown, 'score')}/${points(shown, 'max_score')}** — ${points(withheld, 'max_score')} points of hidden checks ${whenShown(withheld, phase)}${total}`;
}

/** The line for a learner who ran only the public checks (`npm run check`). */
export function publicOnlyLine(publicScore: number, publicMax: number, hiddenPoints: number): string {
  const hidden = hiddenPoints > 0 ? ` — ${hiddenPoints} points of hidden checks are graded after the deadline` : '';
  return `public checks ${publicScore}/${publicMax}${hidden}`;
}
