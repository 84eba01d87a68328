/**
 * Hidden checks for lesson 02's exercises: other inputs than the lesson's, and the edges. Same
 * shape as the public `notebooks/checks/nb-02.ts`; only graders run these.
 *
 * Left out: a column with no value at all (its mean does not exist; the stub's TSDoc asks for
 * one value at least) and TF-IDF of zero documents (no idf without documents).
 */
import { closeTo, satisfies, type ExerciseChecks } from '../../../grading/exercises/check';
import { toolkitTfidf, type ImputeMean, type SharedBodies, type TfidfByHand } from '../../../notebooks/checks/nb-02';

type I = { imputeMean: ImputeMean };
const imputeChecks: ExerciseChecks<I> = {
  id: 'nb-02.1',
  section: 'Missing values: drop or fill in?',
  uses: ['imputeMean'],
  checks: [
    closeTo<I>('no gap: the column comes back as it was', {
      got: (f) => f.imputeMean([3.5, -2, 0, 7]),
      expected: [3.5, -2, 0, 7],
      absolute: 1e-12,
      hint: 'values that are present are kept as they are',
    }),
    closeTo<I>('one value present: every gap gets that value', {
      got: (f) => f.imputeMean([null, null, -4.25, null]),
      expected: [-4.25, -4.25, -4.25, -4.25],
      absolute: 1e-12,
      hint: 'the mean of one value is that value',
    }),
    closeTo<I>('negative and fractional values', {
      got: (f) => f.imputeMean([-1.5, null, 2.5, -3, null]),
      expected: [-1.5, -2 / 3, 2.5, -3, -2 / 3],
      absolute: 1e-12,
      hint: 'sum the present values (−1.5 + 2.5 − 3 = −2) and divide by how many there are (3)',
    }),
    satisfies<I, boolean>('leaves its input unchanged', {
      got: (f) => {
        const column = [1, null, 5];
        f.imputeMean(column);
        return JSON.stringify(column) === JSON.stringify([1, null, 5]);
      },
      test: (same) => same,
      expected: 'the column with its nulls still in place',
      show: (same) => (same ? 'input unchanged' : 'the input was modified'),
      hint: 'build a new array (values.map) instead of writing into values',
    }),
  ],
};

/** An independent reference for a vocabulary other than the toolkit's (a subset, reordered). */
function reference(docs: string[][], vocab: string[]): number[][] {
  const n = docs.length;
  return docs.map((d) => {
    const row = vocab.map((t) => {
      const df = docs.filter((doc) => doc.indexOf(t) >= 0).length;
      return d.filter((w) => w === t).length * (Math.log((1 + n) / (1 + df)) + 1);
    });
    const length = Math.sqrt(row.reduce((s, v) => s + v * v, 0));
    return row.map((v) => (length === 0 ? 0 : v / length));
  });
}

const DOCS = [
  ['cheap', 'pills', 'cheap', 'cheap', 'now'],
  ['meeting', 'now', 'agenda'],
  ['agenda', 'notes', 'notes', 'now'],
  ['cheap', 'meeting'],
  ['now'],
];

type T = { tfidfByHand: TfidfByHand };
const tfidfChecks: ExerciseChecks<T> = {
  id: 'nb-02.2',
  section: 'Features: from text to numbers',
  uses: ['tfidfByHand'],
  checks: [
    closeTo<T>('five documents: equal to the toolkit', {
      got: (f) => f.tfidfByHand(DOCS, toolkitTfidf(DOCS).vocab).flat(),
      expected: () => toolkitTfidf(DOCS).rows.flat(),
      absolute: 1e-12,
      hint: 'the +1 inside the logarithm (smoothing) and the +1 after it both matter',
    }),
    closeTo<T>('a token in every document keeps idf = 1, so the last document is [1] in its column', {
      got: (f) => f.tfidfByHand(DOCS, ['now'])[4],
      expected: [1],
      absolute: 1e-12,
      hint: 'with df = n, idf = ln((1 + n) / (1 + n)) + 1 = 1, not 0',
    }),
    closeTo<T>('the columns follow the vocabulary given, in its order', {
      got: (f) => f.tfidfByHand(DOCS, ['notes', 'cheap', 'agenda']).flat(),
      expected: () => reference(DOCS, ['notes', 'cheap', 'agenda']).flat(),
      absolute: 1e-12,
      hint: 'column j is vocab[j]; tokens outside vocab are not counted, but df still counts every document',
    }),
    closeTo<T>('a single document', {
      got: (f) => f.tfidfByHand([['a', 'b', 'b']], ['a', 'b']).flat(),
      expected: () => toolkitTfidf([['a', 'b', 'b']]).rows.flat(),
      absolute: 1e-12,
      hint: 'n is the number of documents, here 1',
    }),
  ],
};

type S = { sharedBodies: SharedBodies };
const shared = (name: string, splits: Record<string, string[]>, expected: number, hint: string) =>
  closeTo<S>(name, { got: (f) => f.sharedBodies(splits), expected, absolute: 0.5, hint });

const sharedChecks: ExerciseChecks<S> = {
  id: 'nb-02.3',
  section: 'Honest splits',
  uses: ['sharedBodies'],
  checks: [
    shared('no splits at all', {}, 0, 'with nothing to compare, nothing is shared'),
    shared('a single split, full of repeats', { only: ['a', 'a', 'b', 'b'] }, 0, 'repeats inside one split are not shared between splits'),
    shared(
      'one body in three splits counts once',
      { a: ['hello there'], b: ['hello there'], c: ['hello\tthere'] },
      1,
      'count distinct bodies, not pairs of splits or extra copies',
    ),
    shared(
      'case matters: "Hello" and "hello" are different bodies',
      { a: ['Hello'], b: ['hello'] },
      0,
      'only whitespace is ignored; do not lower-case',
    ),
    shared(
      'tabs, line breaks and leading spaces are whitespace too',
      { a: ['\n  buy\t\tnow \n'], b: ['buy now'] },
      1,
      'use /\\s+/g, which matches spaces, tabs and line breaks, then trim()',
    ),
    shared(
      'empty bodies: "" and "   " are the same',
      { a: [''], b: ['   '] },
      1,
      'a body of only whitespace normalises to the empty string',
    ),
  ],
};

export const exercises = [imputeChecks, tfidfChecks, sharedChecks];
