/**
 * Checks for the exercises of lesson 05 (Error analysis). The checker cells of the lesson run
 * them: `grader.check('nb-05.1', sliceCounts)`. Each compares what your function returns with
 * counts worked out by hand, on small cases you can read below.
 */
import { satisfies, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';

/** One slice's counts: messages, ham, spam, ham flagged as spam (fp), spam let through (fn). */
export interface SliceStats {
  slice: string;
  n: number;
  ham: number;
  spam: number;
  fp: number;
  fn: number;
}

export type SliceCounts = (keys: string[], y: ArrayLike<number>, predicted: ArrayLike<number>) => SliceStats[];
export type ConfidentMistakes = (scores: ArrayLike<number>, y: ArrayLike<number>, threshold: number, label: 0 | 1, k: number) => number[];

/** The counts by definition, slices in name order. */
export function referenceSliceCounts(keys: string[], y: ArrayLike<number>, predicted: ArrayLike<number>): SliceStats[] {
  const names = Array.from(new Set(keys)).sort((a, b) => a.localeCompare(b));
  return names.map((slice) => {
    const rows = keys.map((_, i) => i).filter((i) => keys[i] === slice);
    const ham = rows.filter((i) => y[i] === 0);
    const spam = rows.filter((i) => y[i] === 1);
    return {
      slice,
      n: rows.length,
      ham: ham.length,
      spam: spam.length,
      fp: ham.filter((i) => predicted[i] === 1).length,
      fn: spam.filter((i) => predicted[i] === 0).length,
    };
  });
}

/** The mistakes on `label`, most confident first (ties: lower index first), at most k. */
export function referenceConfidentMistakes(
  scores: ArrayLike<number>,
  y: ArrayLike<number>,
  threshold: number,
  label: 0 | 1,
  k: number,
): number[] {
  const wrong: number[] = [];
  for (let i = 0; i < y.length; i++) if (y[i] === label && (scores[i] >= threshold ? 1 : 0) !== label) wrong.push(i);
  const confidence = (i: number): number => (label === 0 ? scores[i] : -scores[i]);
  return wrong.sort((a, b) => confidence(b) - confidence(a) || a - b).slice(0, k);
}

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** A check that the learner's value equals the expected one, compared as JSON. */
export function sameAs<F>(name: string, got: (fns: F) => unknown, expected: () => unknown, hint: string) {
  return satisfies<F, unknown>(name, {
    got,
    test: (v) => show(v) === show(expected()),
    expected: show(expected()),
    show,
    hint,
  });
}

// Six messages in two slices: in "long", one ham flagged and one spam missed; "short" is clean.
const KEYS = ['short', 'long', 'long', 'short', 'long', 'long'];
const Y = [0, 0, 1, 1, 1, 0];
const PRED = [0, 1, 0, 1, 1, 0];

type S = { sliceCounts: SliceCounts };
const sliceChecks: ExerciseChecks<S> = {
  id: 'nb-05.1',
  section: 'Metrics by slice',
  uses: ['sliceCounts'],
  checks: [
    sameAs<S>(
      'six messages in two slices',
      (f) => f.sliceCounts(KEYS, Y, PRED),
      () => referenceSliceCounts(KEYS, Y, PRED),
      'fp counts ham (y = 0) predicted 1; fn counts spam (y = 1) predicted 0; slices sorted by name',
    ),
    sameAs<S>(
      'every message in one slice, every prediction wrong',
      (f) => f.sliceCounts(['all', 'all', 'all'], [0, 1, 1], [1, 0, 0]),
      () => [{ slice: 'all', n: 3, ham: 1, spam: 2, fp: 1, fn: 2 }],
      'a wrong ham is a false positive, a wrong spam a false negative',
    ),
    sameAs<S>(
      'slices come back sorted by name (localeCompare)',
      (f) => f.sliceCounts(['b', 'c', 'a'], [0, 0, 0], [0, 0, 0]).map((s) => s.slice),
      () => ['a', 'b', 'c'],
      'sort the result with (a, b) => a.slice.localeCompare(b.slice)',
    ),
  ],
};

// Eight messages at threshold 0.5: ham 0, 2, 5 are flagged (0.9, 0.6, 0.9), spam 3, 6 missed (0.1, 0.4).
const SCORES = [0.9, 0.2, 0.6, 0.1, 0.7, 0.9, 0.4, 0.3];
const YS = [0, 0, 0, 1, 1, 0, 1, 0];

type M = { mostConfidentMistakes: ConfidentMistakes };
const mistakeChecks: ExerciseChecks<M> = {
  id: 'nb-05.2',
  section: 'The words behind a decision',
  uses: ['mostConfidentMistakes'],
  checks: [
    sameAs<M>(
      'false positives: the highest P(spam) first, ties by position',
      (f) => f.mostConfidentMistakes(SCORES, YS, 0.5, 0, 5),
      () => [0, 5, 2],
      'keep the ham predicted spam (score ≥ threshold) and sort them by score, highest first',
    ),
    sameAs<M>(
      'false negatives: the lowest P(spam) first',
      (f) => f.mostConfidentMistakes(SCORES, YS, 0.5, 1, 5),
      () => [3, 6],
      'for spam the most confident mistake is the lowest score: sort ascending',
    ),
    sameAs<M>(
      'at most k',
      (f) => f.mostConfidentMistakes(SCORES, YS, 0.5, 0, 2),
      () => [0, 5],
      'slice the sorted list to its first k',
    ),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [sliceChecks, mistakeChecks];

export const grader = createGrader('notebooks/checks/nb-05.ts', exercises);
