/**
 * Hidden checks for lesson 08's exercises: other inputs than the lesson's, and the edges
 * (samples of different sizes, one value each, unsorted input, disjoint samples; an interval
 * from few resamples, a period 2 that does better). No check with an empty sample: neither the
 * KS statistic nor a recall exists for zero values.
 */
import { closeTo, satisfies, type ExerciseChecks } from '../../../grading/exercises/check';
import { mulberry32 } from '../../../mlkit/data/random';
import { ks2samp } from '../../../mlkit/drift/ks';
import { referenceDropInterval, type KsStatistic, type RecallDropInterval } from '../../../notebooks/checks/nb-08';

type K = { ksStatistic: KsStatistic };
const matches = (name: string, a: number[], b: number[], hint: string) =>
  closeTo<K>(name, { got: (f) => f.ksStatistic(a.slice(), b.slice()), expected: () => ks2samp(a, b).statistic, absolute: 1e-12, hint });

const random = mulberry32(5);
const WIDE = Array.from({ length: 300 }, () => Math.round(random() * 50));
const NARROW = Array.from({ length: 120 }, () => Math.round(10 + random() * 20));

const ksChecks: ExerciseChecks<K> = {
  id: 'nb-08.1',
  section: 'Drift, column by column',
  uses: ['ksStatistic'],
  checks: [
    matches(
      'the larger gap where the second sample leads',
      [3.5, 5, 6, 7],
      [1, 2, 3, 4],
      'take the absolute gap |F_a − F_b|, not F_a − F_b',
    ),
    matches(
      'unsorted samples of different sizes with many ties',
      WIDE,
      NARROW,
      "sort copies of both samples; F counts values ≤ x, divided by each sample's own size",
    ),
    matches('one value each, different', [2], [7], 'one sample entirely below the other gives D = 1'),
    matches(
      'negative and fractional values',
      [-1.5, 0.25, -3, 8, 0.25],
      [0.25, -0.5, 2],
      'compare numbers, not strings: sort with (x, y) => x − y',
    ),
    closeTo<K>("one sample inside the other's range", {
      got: (f) => f.ksStatistic([1, 5, 9], [5]),
      expected: () => ks2samp([1, 5, 9], [5]).statistic,
      absolute: 1e-12,
      hint: 'check the gap after every distinct value of either sample',
    }),
    satisfies<K, boolean>('leaves its inputs unchanged', {
      got: (f) => {
        const a = [3, 1, 2];
        const b = [9, 0];
        f.ksStatistic(a, b);
        return a.join() === '3,1,2' && b.join() === '9,0';
      },
      test: (same) => same,
      expected: 'a and b in their original order',
      show: (same) => (same ? 'inputs unchanged' : 'an input was sorted in place'),
      hint: 'sort copies: [...a].sort((x, y) => x − y)',
    }),
  ],
};

type D = { recallDropInterval: RecallDropInterval };
const interval = (spam1: number[], spam2: number[], threshold: number, resamples: number, seed: number) => (): number[] => {
  const r = referenceDropInterval(spam1, spam2, threshold, resamples, mulberry32(seed));
  return [r.low, r.high];
};
const scoresRandom = mulberry32(17);
const MANY1 = Array.from({ length: 1000 }, () => scoresRandom());
const MANY2 = Array.from({ length: 700 }, () => scoresRandom() * 0.9);
const SMALL1 = Array.from({ length: 30 }, (_, i) => (i % 5 === 0 ? 0.3 : 0.8));
const SMALL2 = Array.from({ length: 55 }, (_, i) => (i % 11 === 0 ? 0.3 : 0.8));

const dropChecks: ExerciseChecks<D> = {
  id: 'nb-08.2',
  section: 'What the labels say',
  uses: ['recallDropInterval'],
  checks: [
    closeTo<D>('periods of different sizes (30 and 55 spam)', {
      got: (f) => {
        const r = f.recallDropInterval(SMALL1, SMALL2, 0.5, 500, mulberry32(2));
        return [r.low, r.high];
      },
      expected: interval(SMALL1, SMALL2, 0.5, 500, 2),
      absolute: 1e-12,
      hint: 'resample each period on its own: spam1.length draws from spam1, then spam2.length draws from spam2',
    }),
    closeTo<D>('only 40 resamples: low is the 1st smallest drop, high the 39th', {
      got: (f) => {
        const r = f.recallDropInterval(MANY1, MANY2, 0.4, 40, mulberry32(8));
        return [r.low, r.high];
      },
      expected: interval(MANY1, MANY2, 0.4, 40, 8),
      absolute: 1e-12,
      hint: 'low = drops[Math.ceil(0.025 × resamples) − 1], high = drops[Math.ceil(0.975 × resamples) − 1]',
    }),
    satisfies<D, { low: number; high: number }>('a period 2 that catches more spam gives a negative drop', {
      got: (f) => f.recallDropInterval(SMALL1, SMALL2, 0.5, 500, mulberry32(4)),
      test: (r) => r.low < r.high && r.low + r.high < 0,
      expected: 'an interval centred below 0: recall 0.8 in period 1, 0.909 in period 2, a drop of about −0.109',
      show: (r) => `[${r.low}, ${r.high}]`,
      hint: 'drop = recall of period 1 − recall of period 2, in that order',
    }),
    closeTo<D>('every spam caught in both periods, two exactly at the threshold: the interval is [0, 0]', {
      got: (f) => {
        const r = f.recallDropInterval([0.9, 0.5], [0.7, 0.99, 0.5], 0.5, 100, mulberry32(1));
        return [r.low, r.high];
      },
      expected: [0, 0],
      absolute: 1e-12,
      hint: 'a score counts as caught when it is ≥ threshold',
    }),
  ],
};

export const exercises = [ksChecks, dropChecks];
