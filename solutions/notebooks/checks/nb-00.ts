/**
 * Hidden checks for lesson 00's exercises: other inputs than the lesson's, and the edges. Same
 * shape as the public `notebooks/checks/nb-00.ts`; only graders run these.
 *
 * No check with zero rows: accuracy is a share of the rows, so an empty set has none (the stub's
 * TSDoc asks for at least one row), and a search needs two different lengths to have a candidate.
 */
import { closeTo, satisfies, type ExerciseChecks } from '../../../grading/exercises/check';
import { at, referenceThreshold, type AccuracyOf, type LearnThreshold, type Measured } from '../../../notebooks/checks/nb-00';

type A = { accuracyOf: AccuracyOf };
const accuracyChecks: ExerciseChecks<A> = {
  id: 'nb-00.1',
  section: 'A rule you write',
  uses: ['accuracyOf'],
  checks: [
    closeTo<A>('a single penguin, answered right', {
      got: (f) => f.accuracyOf((p) => p.flipper > 200, [at(220, 'G')]),
      expected: 1,
      absolute: 1e-12,
      hint: 'one row, one right answer: 1 / 1',
    }),
    closeTo<A>('a single penguin, answered wrong', {
      got: (f) => f.accuracyOf((p) => p.flipper > 200, [at(220, 'C')]),
      expected: 0,
      absolute: 1e-12,
      hint: 'a Chinstrap predicted Gentoo is a wrong answer',
    }),
    closeTo<A>('"never a Gentoo" on 3 Gentoos and 2 others: 2 right of 5', {
      got: (f) => f.accuracyOf(() => false, [at(210, 'G'), at(215, 'G'), at(190, 'A'), at(220, 'G'), at(195, 'C')]),
      expected: 0.4,
      absolute: 1e-12,
      hint: 'a prediction of false is right for every penguin that is not a Gentoo',
    }),
    closeTo<A>('a rule that is always wrong scores 0', {
      got: (f) => f.accuracyOf((p) => p.species !== 'Gentoo', [at(210, 'G'), at(190, 'A'), at(195, 'C')]),
      expected: 0,
      absolute: 1e-12,
      hint: 'accuracy counts right answers, not wrong ones',
    }),
  ],
};

// Lengths of two and three digits: a sort without a comparator orders them as text
// (100, 105, 95), which pairs the wrong neighbours.
const SMALL = [at(100, 'G'), at(95, 'A'), at(105, 'G')];
// Repeated lengths: the candidates are the midpoints between *distinct* lengths (190 → 195 → 200).
const REPEATED = [at(190, 'A'), at(190, 'A'), at(200, 'G'), at(200, 'A'), at(210, 'G'), at(210, 'G')];
const ALL_GENTOO = [at(200, 'G'), at(210, 'G'), at(220, 'G')];
const frozen = (): Measured[] => [at(215, 'G'), at(180, 'A'), at(205, 'G'), at(190, 'C')];

type L = { learnThreshold: LearnThreshold };
const thresholdChecks: ExerciseChecks<L> = {
  id: 'nb-00.2',
  section: 'A rule the computer learns',
  uses: ['learnThreshold'],
  checks: [
    closeTo<L>('lengths of 95, 100 and 105 mm are sorted as numbers', {
      got: (f) => f.learnThreshold(SMALL.slice()),
      expected: 97.5,
      absolute: 1e-9,
      hint: 'sort with a comparator, .sort((a, b) => a - b): without one, 100 and 105 come before 95',
    }),
    closeTo<L>('repeated lengths give one candidate per pair of distinct neighbours', {
      got: (f) => f.learnThreshold(REPEATED.slice()),
      expected: () => referenceThreshold(REPEATED),
      absolute: 1e-9,
      hint: 'take the distinct lengths first (new Set), then the midpoints between neighbours',
    }),
    closeTo<L>('every penguin a Gentoo: the smallest candidate wins', {
      got: (f) => f.learnThreshold(ALL_GENTOO.slice()),
      expected: 205,
      absolute: 1e-9,
      hint: 'the candidates are 205 and 215; 205 misses only the 200 mm Gentoo',
    }),
    closeTo<L>('two distinct lengths: the only candidate is their midpoint', {
      got: (f) => f.learnThreshold([at(199, 'A'), at(200, 'G')]),
      expected: 199.5,
      absolute: 1e-9,
      hint: 'the midpoint of a and b is (a + b) / 2',
    }),
    satisfies<L, boolean>('leaves the rows unchanged', {
      got: (f) => {
        const rows = frozen();
        f.learnThreshold(rows);
        return JSON.stringify(rows) === JSON.stringify(frozen());
      },
      test: (same) => same,
      expected: 'the rows in their original order',
      show: (same) => (same ? 'rows unchanged' : 'the rows were reordered or modified'),
      hint: 'sort a new array of lengths, not the rows themselves',
    }),
  ],
};

export const exercises = [accuracyChecks, thresholdChecks];
