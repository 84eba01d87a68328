/**
 * Hidden checks for lesson 05's exercises: other inputs than the lesson's, and the edges
 * (nothing at all, one class only, a score exactly at the threshold, ties).
 */
import type { ExerciseChecks } from '../../../grading/exercises/check';
import {
  referenceConfidentMistakes,
  referenceSliceCounts,
  sameAs,
  type ConfidentMistakes,
  type SliceCounts,
} from '../../../notebooks/checks/nb-05';

type S = { sliceCounts: SliceCounts };
const KEYS = ['HTML', 'plain', 'HTML', 'plain', 'HTML', 'plain', 'plain'];
const Y = Float64Array.from([1, 1, 0, 0, 0, 1, 0]);
const PRED = Uint8Array.from([1, 0, 1, 1, 0, 1, 0]);

const frozen = () => ({ keys: KEYS.slice(), y: [1, 1, 0, 0, 0, 1, 0], pred: [1, 0, 1, 1, 0, 1, 0] });

const sliceChecks: ExerciseChecks<S> = {
  id: 'nb-05.1',
  section: 'Metrics by slice',
  uses: ['sliceCounts'],
  checks: [
    sameAs<S>(
      'typed arrays for labels and predictions',
      (f) => f.sliceCounts(KEYS, Y, PRED),
      () => referenceSliceCounts(KEYS, Y, PRED),
      'read y[i] and predicted[i] by index; they may be typed arrays',
    ),
    sameAs<S>(
      'no messages, no slices',
      (f) => f.sliceCounts([], [], []),
      () => [],
      'with no rows the result is an empty list',
    ),
    sameAs<S>(
      'a slice with spam only',
      (f) => f.sliceCounts(['x', 'x'], [1, 1], [1, 0]),
      () => [{ slice: 'x', n: 2, ham: 0, spam: 2, fp: 0, fn: 1 }],
      'count ham and spam from the labels y, not from the predictions',
    ),
    sameAs<S>(
      'leaves its inputs unchanged',
      (f) => {
        const input = frozen();
        f.sliceCounts(input.keys, input.y, input.pred);
        return input;
      },
      frozen,
      'build new objects; do not sort or modify keys, y or predicted',
    ),
  ],
};

type M = { mostConfidentMistakes: ConfidentMistakes };
// Ham 1 sits exactly at the threshold (flagged: ≥); ham 0 and 3 tie at 0.8.
const SCORES = [0.8, 0.5, 0.2, 0.8, 0.49, 0.1, 0.95];
const YS = [0, 0, 0, 0, 1, 1, 1];

const mistakeChecks: ExerciseChecks<M> = {
  id: 'nb-05.2',
  section: 'The words behind a decision',
  uses: ['mostConfidentMistakes'],
  checks: [
    sameAs<M>(
      'a ham exactly at the threshold is flagged, ties keep their order',
      (f) => f.mostConfidentMistakes(SCORES, YS, 0.5, 0, 10),
      () => referenceConfidentMistakes(SCORES, YS, 0.5, 0, 10),
      'the model says spam when score ≥ threshold; equal scores keep the lower index first',
    ),
    sameAs<M>(
      'spam mistakes at another threshold',
      (f) => f.mostConfidentMistakes(SCORES, YS, 0.97, 1, 10),
      () => referenceConfidentMistakes(SCORES, YS, 0.97, 1, 10),
      'use the threshold you are given',
    ),
    sameAs<M>(
      'no mistakes of that kind',
      (f) => f.mostConfidentMistakes([0.1, 0.9], [0, 1], 0.5, 0, 3),
      () => [],
      'return an empty list when nothing is wrong',
    ),
    sameAs<M>(
      'k = 0',
      (f) => f.mostConfidentMistakes(SCORES, YS, 0.5, 0, 0),
      () => [],
      'return at most k indices',
    ),
    sameAs<M>(
      'typed arrays in, plain indices out',
      (f) => f.mostConfidentMistakes(Float64Array.from(SCORES), Int8Array.from(YS), 0.5, 1, 10),
      () => referenceConfidentMistakes(SCORES, YS, 0.5, 1, 10),
      'return row indices (numbers), not scores',
    ),
  ],
};

export const exercises = [sliceChecks, mistakeChecks];
