/**
 * Checks for the exercises of lesson 00 (What is a model?). The checker cells of the lesson run
 * them: `grader.check('nb-00.1', accuracyOf)`. Read them when a check puzzles you: each compares
 * what your function returns with what the lesson says it should.
 */
import { closeTo, satisfies, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';
import { readPenguins } from '../../datasets/read';

/** A penguin as the lesson keeps it: species, flipper length (mm) and body mass (g). */
export interface Measured {
  species: string;
  flipper: number;
  mass: number;
}

export type Rule = (p: Measured) => boolean;
export type AccuracyOf = (model: Rule, rows: Measured[]) => number;
export type LearnThreshold = (rows: Measured[]) => number;

/** Penguins from flipper lengths and species initials: `at(181, 'A')`. */
export const at = (flipper: number, species: 'A' | 'C' | 'G'): Measured => ({
  species: species === 'A' ? 'Adelie' : species === 'C' ? 'Chinstrap' : 'Gentoo',
  flipper,
  mass: 4000,
});
export const gentoo = (p: Measured): boolean => p.species === 'Gentoo';

/** The reference: share of rows where the rule agrees with the species. */
export function referenceAccuracy(model: Rule, rows: Measured[]): number {
  return rows.filter((p) => model(p) === gentoo(p)).length / rows.length;
}

/** The reference search: midpoints of consecutive distinct lengths, first best wins. */
export function referenceThreshold(rows: Measured[]): number {
  const lengths = Array.from(new Set(rows.map((p) => p.flipper))).sort((a, b) => a - b);
  let best = NaN;
  let bestAccuracy = -1;
  for (let i = 1; i < lengths.length; i++) {
    const t = (lengths[i - 1] + lengths[i]) / 2;
    const a = referenceAccuracy((p) => p.flipper > t, rows);
    if (a > bestAccuracy) {
      best = t;
      bestAccuracy = a;
    }
  }
  return best;
}

/** The lesson's table: every penguin with a flipper length and a body mass (342 of 344). */
export function lessonPenguins(): Measured[] {
  return readPenguins().flatMap((p) =>
    p.flipperLengthMm === null || p.bodyMassG === null ? [] : [{ species: p.species, flipper: p.flipperLengthMm, mass: p.bodyMassG }],
  );
}

// Worked by hand: the rule "flipper > 200" is right on 190 A, 215 G and 185 C, wrong on 205 C.
const FOUR = [at(190, 'A'), at(215, 'G'), at(205, 'C'), at(185, 'C')];
// The midpoints 185, 192.5, 200, 207.5 and 212.5 are tried; 200 (between 195 and 205) is the only perfect one.
const SIX = [at(180, 'A'), at(215, 'G'), at(195, 'C'), at(205, 'G'), at(190, 'A'), at(210, 'G')];
// 185 and 205 both get 3 of 4 right (they miss the Adelie at 200 or the Gentoo at 190): the
// smaller one must win.
const TIE = [at(180, 'A'), at(190, 'G'), at(200, 'A'), at(210, 'G')];

const over200: Rule = (p) => p.flipper > 200;

const accuracyChecks: ExerciseChecks<{ accuracyOf: AccuracyOf }> = {
  id: 'nb-00.1',
  section: 'A rule you write',
  uses: ['accuracyOf'],
  checks: [
    closeTo('"flipper > 200" on four penguins: 3 right of 4 = 0.75', {
      got: (f) => f.accuracyOf(over200, FOUR),
      expected: 0.75,
      absolute: 1e-12,
      hint: 'count the penguins where model(p) === isGentoo(p) and divide by rows.length',
    }),
    closeTo('"flipper > 200" on the lesson\'s 342 penguins', {
      got: (f) => f.accuracyOf(over200, lessonPenguins()),
      expected: () => referenceAccuracy(over200, lessonPenguins()),
      absolute: 1e-12,
      hint: 'a share, not a count: divide the number of right answers by the number of rows',
    }),
    closeTo('"every penguin is a Gentoo" scores the share of Gentoos', {
      got: (f) => f.accuracyOf(() => true, lessonPenguins()),
      expected: () => referenceAccuracy(() => true, lessonPenguins()),
      absolute: 1e-12,
      hint: 'compare the prediction with the truth: a prediction of true is right only for a Gentoo',
    }),
  ],
};

const thresholdChecks: ExerciseChecks<{ learnThreshold: LearnThreshold }> = {
  id: 'nb-00.2',
  section: 'A rule the computer learns',
  uses: ['learnThreshold'],
  checks: [
    closeTo('six penguins, unsorted: the only perfect threshold is 200 mm', {
      got: (f) => f.learnThreshold(SIX.slice()),
      expected: 200,
      absolute: 1e-9,
      hint: 'sort the distinct lengths and try the midpoint of each consecutive pair',
    }),
    closeTo('two thresholds tie at 3 of 4: the smaller, 185 mm, wins', {
      got: (f) => f.learnThreshold(TIE.slice()),
      expected: 185,
      absolute: 1e-9,
      hint: 'replace the best threshold only when a candidate is strictly better (>), not when it ties (>=)',
    }),
    closeTo("on the lesson's 342 penguins", {
      got: (f) => f.learnThreshold(lessonPenguins()),
      expected: () => referenceThreshold(lessonPenguins()),
      absolute: 1e-9,
      hint: 'candidates are midpoints between neighbouring distinct lengths, scored with accuracyOf',
    }),
    satisfies('the threshold it returns is at least as accurate as every length seen', {
      got: (f) => {
        const rows = lessonPenguins();
        const t = f.learnThreshold(rows);
        const best = Math.max(...Array.from(new Set(rows.map((p) => p.flipper))).map((l) => referenceAccuracy((p) => p.flipper > l, rows)));
        return [referenceAccuracy((p) => p.flipper > t, rows), best];
      },
      test: ([mine, best]) => mine >= best - 1e-12,
      expected: 'the highest accuracy any "flipper > t" reaches on these penguins',
      show: ([mine, best]) => `accuracy ${mine.toFixed(4)} at your threshold, best possible ${best.toFixed(4)}`,
      hint: 'keep the candidate with the highest accuracy, not the last one tried',
    }),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [accuracyChecks, thresholdChecks];

export const grader = createGrader('notebooks/checks/nb-00.ts', exercises);
