/**
 * Checks for the exercises of lesson 02 (Working with data). The checker cells of the lesson run
 * them: `grader.check('nb-02.1', imputeMean)`. Read them when a check puzzles you: each compares
 * what your function returns with what the lesson says it should.
 */
import { closeTo, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';
import { readPenguins, readSpamSplit } from '../../datasets/read';
import { TfidfVectorizer } from '../../mlkit/text/tfidf';
import { csrToDense } from '../../mlkit/text/sparse';

export type ImputeMean = (values: readonly (number | null)[]) => number[];
export type TfidfByHand = (docs: string[][], vocab: string[]) => number[][];
export type SharedBodies = (splits: Record<string, string[]>) => number;

/** The penguins' body mass, `null` where it was not recorded (2 of 344). */
export const bodyMass = (): (number | null)[] => readPenguins().map((p) => p.bodyMassG);

/** The reference imputation: the mean of the recorded values in every gap. */
export function referenceImpute(values: readonly (number | null)[]): number[] {
  const present = values.filter((v) => v !== null) as number[];
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  return values.map((v) => (v === null ? mean : v));
}

/** The toolkit's TF-IDF with the lesson's options, and its columns, as dense rows. */
export function toolkitTfidf(docs: string[][]): { vocab: string[]; rows: number[][] } {
  const kit = TfidfVectorizer.fit(docs, { minDf: 1, maxDf: 1, maxFeatures: null, sublinearTf: false });
  return { vocab: kit.vocabulary.terms.slice(), rows: csrToDense(kit.transform(docs)) };
}

/** The lesson's three documents. */
export const LESSON_DOCS = [
  ['free', 'money', 'free'],
  ['meeting', 'money'],
  ['meeting', 'notes'],
];

const imputeChecks: ExerciseChecks<{ imputeMean: ImputeMean }> = {
  id: 'nb-02.1',
  section: 'Missing values: drop or fill in?',
  uses: ['imputeMean'],
  checks: [
    closeTo('[1, null, 3] → [1, 2, 3]', {
      got: (f) => f.imputeMean([1, null, 3]),
      expected: [1, 2, 3],
      absolute: 1e-12,
      hint: 'replace each null by the mean of the values that are present',
    }),
    closeTo('[4, null, 0, null] → [4, 2, 0, 2]: gaps do not count in the mean, a recorded 0 does', {
      got: (f) => f.imputeMean([4, null, 0, null]),
      expected: [4, 2, 0, 2],
      absolute: 1e-12,
      hint: 'average only the non-null values (4 and 0), and test for null with === null, not with a falsy check that also catches 0',
    }),
    closeTo("the penguins' body mass: the 2 gaps get the mean of the 342 recorded masses", {
      got: (f) => f.imputeMean(bodyMass()),
      expected: () => referenceImpute(bodyMass()),
      absolute: 1e-9,
      hint: 'one value out per value in, in the same order',
    }),
  ],
};

const tfidfChecks: ExerciseChecks<{ tfidfByHand: TfidfByHand }> = {
  id: 'nb-02.2',
  section: 'Features: from text to numbers',
  uses: ['tfidfByHand'],
  checks: [
    closeTo("the lesson's three documents: equal to the toolkit's TfidfVectorizer", {
      got: (f) => f.tfidfByHand(LESSON_DOCS, toolkitTfidf(LESSON_DOCS).vocab).flat(),
      expected: () => toolkitTfidf(LESSON_DOCS).rows.flat(),
      absolute: 1e-12,
      hint: 'idf = ln((1 + n) / (1 + df)) + 1, weight = count × idf, then divide the row by its length (Math.hypot)',
    }),
    closeTo('a word repeated counts every time: ["a", "a", "b"] weighs "a" twice', {
      got: (f) => f.tfidfByHand([['a', 'a', 'b'], ['b']], ['a', 'b']).flat(),
      expected: () => toolkitTfidf([['a', 'a', 'b'], ['b']]).rows.flat(),
      absolute: 1e-12,
      hint: 'tf is the number of times the token occurs in the document, not whether it occurs',
    }),
    closeTo('a document with no vocabulary token stays all zeros', {
      got: (f) => f.tfidfByHand([['free', 'money'], ['unknown']], ['free', 'money'])[1],
      expected: [0, 0],
      absolute: 1e-12,
      hint: 'a row of length 0 cannot be divided by its length: leave it as it is',
    }),
  ],
};

/** The lesson's four splits' bodies, optionally with one test body copied into train. */
let bodiesRead: Record<'train' | 'validation' | 'test' | 'production', string[]> | undefined;
export function lessonBodies(copyTestIntoTrain = false): Record<string, string[]> {
  const bodies = (split: 'train' | 'validation' | 'test' | 'production'): string[] => readSpamSplit(split).map((r) => r.body);
  // Read once per session (four files, a few seconds); every call gets fresh arrays.
  if (!bodiesRead)
    bodiesRead = { train: bodies('train'), validation: bodies('validation'), test: bodies('test'), production: bodies('production') };
  const read = bodiesRead;
  const splits = {
    train: read.train.slice(),
    validation: read.validation.slice(),
    test: read.test.slice(),
    production: read.production.slice(),
  };
  // The copy gets different whitespace, as a re-sent message would.
  if (copyTestIntoTrain) splits.train.push(`  ${splits.test[0].replace(/ /g, '\n\t ')}  `);
  return splits;
}

const sharedChecks: ExerciseChecks<{ sharedBodies: SharedBodies }> = {
  id: 'nb-02.3',
  section: 'Honest splits',
  uses: ['sharedBodies'],
  checks: [
    closeTo('three splits, two bodies shared: "x y" (whitespace aside) and "z"', {
      got: (f) => f.sharedBodies({ a: ['x y', 'z'], b: ['x  y\n', 'w'], c: ['z ', 'q'] }),
      expected: 2,
      absolute: 0.5,
      hint: 'normalise first: .replace(/\\s+/g, \' \').trim() makes "x  y\\n" and "x y" the same body',
    }),
    closeTo('a body repeated inside one split is not shared', {
      got: (f) => f.sharedBodies({ a: ['same', 'same'], b: ['other'] }),
      expected: 0,
      absolute: 0.5,
      hint: 'count a body only when it is seen in two different splits, not twice in the same one',
    }),
    closeTo("the lesson's splits with one test message copied into train (with other whitespace)", {
      got: (f) => f.sharedBodies(lessonBodies(true)),
      expected: 1,
      absolute: 0.5,
      hint: 'runs of spaces, tabs and line breaks count as one space, and leading or trailing ones are dropped',
    }),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [imputeChecks, tfidfChecks, sharedChecks];

export const grader = createGrader('notebooks/checks/nb-02.ts', exercises);
