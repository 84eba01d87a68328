/**
 * Checks for the exercises of lesson 08 (Monitoring and drift). The checker cells of the lesson
 * run them: `grader.check('nb-08.1', ksStatistic)`. Read them when a check puzzles you: the KS
 * checks compare your statistic with the toolkit's `ks2samp`, the interval checks with the
 * resampling written out below.
 */
import { closeTo, satisfies, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';
import { readSpamSplit } from '../../datasets/read';
import { mulberry32 } from '../../mlkit/data/random';
import { ks2samp } from '../../mlkit/drift/ks';

export type KsStatistic = (a: number[], b: number[]) => number;
export type RecallDropInterval = (
  spam1: number[],
  spam2: number[],
  threshold: number,
  resamples: number,
  random: () => number,
) => { low: number; high: number };

/**
 * The recall drop's interval as the lesson defines it: per resample, n₁ draws from period 1's
 * spam scores then n₂ from period 2's, recall₁ − recall₂; sorted, the ⌈2.5 %⌉-th and ⌈97.5 %⌉-th.
 */
export function referenceDropInterval(
  spam1: number[],
  spam2: number[],
  threshold: number,
  resamples: number,
  random: () => number,
): { low: number; high: number } {
  const caught = (scores: number[]): number => {
    let hits = 0;
    for (let i = 0; i < scores.length; i++) if (scores[Math.floor(random() * scores.length)] >= threshold) hits++;
    return hits / scores.length;
  };
  const drops: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const first = caught(spam1);
    drops.push(first - caught(spam2));
  }
  drops.sort((a, b) => a - b);
  return { low: drops[Math.ceil(0.025 * resamples) - 1], high: drops[Math.ceil(0.975 * resamples) - 1] };
}

const ksOf = (a: number[], b: number[]) => (): number => ks2samp(a, b).statistic;
let lengths: { reference: number[]; current: number[] } | undefined;
/** Message lengths (characters) of the lesson's period 1 (validation + test) and period 2. */
function lessonLengths(): { reference: number[]; current: number[] } {
  if (!lengths) {
    const length = (split: 'validation' | 'test' | 'production') => readSpamSplit(split).map((r) => r.text.length);
    lengths = { reference: [...length('validation'), ...length('test')], current: length('production') };
  }
  return lengths;
}

type K = { ksStatistic: KsStatistic };
const SECTION_KS = 'Drift, column by column';
const ksChecks: ExerciseChecks<K> = {
  id: 'nb-08.1',
  section: SECTION_KS,
  uses: ['ksStatistic'],
  checks: [
    closeTo<K>('two small samples without ties: D = 0.75', {
      got: (f) => f.ksStatistic([1, 2, 3, 4], [3.5, 5, 6, 7]),
      expected: 0.75,
      absolute: 1e-12,
      hint: 'D is the largest |F_a(x) − F_b(x)| over every value x of either sample',
    }),
    closeTo<K>('ties inside and across the samples', {
      got: (f) => f.ksStatistic([1, 2, 2, 2, 5], [2, 2, 3, 3]),
      expected: ksOf([1, 2, 2, 2, 5], [2, 2, 3, 3]),
      absolute: 1e-12,
      hint: 'at a tied value, step past every copy of it in both samples before comparing the two shares',
    }),
    closeTo<K>('identical samples: D = 0', {
      got: (f) => f.ksStatistic([3, 1, 2, 2], [2, 3, 2, 1]),
      expected: 0,
      absolute: 1e-12,
      hint: 'sort copies of both samples first; equal samples have equal CDFs everywhere',
    }),
    closeTo<K>("message lengths, period 1 against period 2 (the lesson's data) match ks2samp", {
      got: (f) => {
        const l = lessonLengths();
        return f.ksStatistic(l.reference, l.current);
      },
      expected: () => {
        const l = lessonLengths();
        return ks2samp(l.reference, l.current).statistic;
      },
      absolute: 1e-12,
      hint: "divide the counts by each sample's own size: F_a(x) = (values ≤ x) / a.length",
    }),
  ],
};

// 40 spam scores per period: 36 of period 1's and 28 of period 2's are above 0.5.
const SPAM1 = Array.from({ length: 40 }, (_, i) => (i < 36 ? 0.6 + i / 100 : 0.1));
const SPAM2 = Array.from({ length: 40 }, (_, i) => (i < 28 ? 0.55 + i / 100 : 0.2));

type D = { recallDropInterval: RecallDropInterval };
const dropChecks: ExerciseChecks<D> = {
  id: 'nb-08.2',
  section: 'What the labels say',
  uses: ['recallDropInterval'],
  checks: [
    closeTo<D>('1000 resamples with mulberry32(11): the same interval as the resampling written out', {
      got: (f) => {
        const r = f.recallDropInterval(SPAM1, SPAM2, 0.5, 1000, mulberry32(11));
        return [r.low, r.high];
      },
      expected: () => {
        const r = referenceDropInterval(SPAM1, SPAM2, 0.5, 1000, mulberry32(11));
        return [r.low, r.high];
      },
      absolute: 1e-12,
      hint: 'each resample: spam1.length draws from period 1, then spam2.length from period 2, each index Math.floor(random() × length); sort the 1000 drops, low = drops[24], high = drops[974]',
    }),
    satisfies<D, { low: number; high: number }>('the interval holds the observed drop 0.9 − 0.7 = 0.2', {
      got: (f) => f.recallDropInterval(SPAM1, SPAM2, 0.5, 1000, mulberry32(3)),
      test: (r) => r.low < 0.2 && 0.2 < r.high && r.low > 0,
      expected: 'low < 0.2 < high, and low > 0 (a drop of 20 points on 40 spam each is not chance)',
      show: (r) => `[${r.low}, ${r.high}]`,
      hint: 'the drop is recall of period 1 minus recall of period 2, resampled with replacement',
    }),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [ksChecks, dropChecks];

export const grader = createGrader('notebooks/checks/nb-08.ts', exercises);
