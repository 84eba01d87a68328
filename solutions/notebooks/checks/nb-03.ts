/**
 * Hidden checks for lesson 03's exercises: other inputs than the lesson's, and the edges. Same
 * shape as the public `notebooks/checks/nb-03.ts`; only graders run these.
 *
 * No check with zero rows: the loss is an average over rows, so neither it nor its gradient
 * exists for an empty data set.
 */
import { closeTo, satisfies, type ExerciseChecks } from '../../../grading/exercises/check';
import { flatten, type GradientStep, type LogLossGradient, type Params } from '../../../notebooks/checks/nb-03';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The gradient by its formula: mean of (p − y)·x, plus w / (C·n) on the weights. */
export function referenceGradient(params: Params, xs: number[][], ys: number[], C: number): number[] {
  const n = xs.length;
  const grad = [...params.w.map((w) => w / (C * n)), 0];
  xs.forEach((x, i) => {
    const error = sigmoid(params.b + x.reduce((s, v, j) => s + v * params.w[j], 0)) - ys[i];
    x.forEach((v, j) => (grad[j] += (error * v) / n));
    grad[grad.length - 1] += error / n;
  });
  return grad;
}

// Three features, values of both signs and a fractional one: nothing tuned to the lesson's data.
const XS3 = [
  [1, -2, 0.5],
  [0, 3, -1],
  [2.5, 0, 0],
  [-1, -1, 4],
  [0.2, 0.7, -0.3],
];
const YS3 = [1, 0, 1, 0, 1];
const P3: Params = { w: [0.4, -0.2, 0.1], b: -0.5 };
// Weights large enough that σ saturates (p within 1e-13 of 0 or 1).
const SATURATED: Params = { w: [9, -7, 5], b: 2 };

type G = { logLossGradient: LogLossGradient };
const matches = (name: string, params: Params, xs: number[][], ys: number[], C: number, hint: string) =>
  closeTo<G>(name, {
    got: (f) => flatten(f.logLossGradient(params, xs, ys, C)),
    expected: () => referenceGradient(params, xs, ys, C),
    relative: 1e-9,
    hint,
  });

const frozen = (): { params: Params; xs: number[][]; ys: number[] } => ({
  params: { w: [0.4, -0.2, 0.1], b: -0.5 },
  xs: XS3.map((x) => x.slice()),
  ys: YS3.slice(),
});
const unchanged = (input: { params: Params; xs: number[][]; ys: number[] }): boolean => JSON.stringify(input) === JSON.stringify(frozen());

const gradientChecks: ExerciseChecks<G> = {
  id: 'nb-03.1',
  section: 'Logistic regression by hand',
  uses: ['logLossGradient'],
  checks: [
    matches('three features and C = 0.1', P3, XS3, YS3, 0.1, 'loop over every feature of a row, not just two'),
    matches('every label spam', P3, XS3, [1, 1, 1, 1, 1], 1, 'y is 1 for every row here; (p − y) is then p − 1'),
    matches('every label ham', P3, XS3, [0, 0, 0, 0, 0], 1, 'y is 0 for every row here; (p − y) is then p'),
    matches('saturated probabilities', SATURATED, XS3, YS3, 1, 'use p − y directly; do not divide by p or 1 − p'),
    matches('a single row', P3, [XS3[0]], [1], 2, 'n is the number of rows, here 1'),
    satisfies<G, boolean>('leaves its inputs unchanged', {
      got: (f) => {
        const input = frozen();
        f.logLossGradient(input.params, input.xs, input.ys, 1);
        return unchanged(input);
      },
      test: (same) => same,
      expected: 'params, xs and ys as they were',
      show: (same) => (same ? 'inputs unchanged' : 'an input was modified'),
      hint: 'build a new gradient object instead of writing into params.w',
    }),
  ],
};

type S = { gradientStep: GradientStep };
const stepChecks: ExerciseChecks<S> = {
  id: 'nb-03.2',
  section: 'Logistic regression by hand',
  uses: ['gradientStep'],
  checks: [
    closeTo<S>('three features, C = 0.1, learning rate 0.05', {
      got: (f) => flatten(f.gradientStep(P3, XS3, YS3, 0.1, 0.05)),
      expected: () => flatten(P3).map((v, k) => v - 0.05 * referenceGradient(P3, XS3, YS3, 0.1)[k]),
      relative: 1e-9,
      hint: 'pass C on to the gradient, and step every weight',
    }),
    closeTo<S>('learning rate 0 stays put', {
      got: (f) => flatten(f.gradientStep(P3, XS3, YS3, 1, 0)),
      expected: flatten(P3),
      relative: 1e-12,
      hint: 'the step is learningRate × gradient, so a rate of 0 changes nothing',
    }),
    satisfies<S, boolean>('leaves its inputs unchanged', {
      got: (f) => {
        const input = frozen();
        f.gradientStep(input.params, input.xs, input.ys, 1, 0.3);
        return unchanged(input);
      },
      test: (same) => same,
      expected: 'params, xs and ys as they were',
      show: (same) => (same ? 'inputs unchanged' : 'an input was modified'),
      hint: 'return new parameters instead of updating params in place',
    }),
  ],
};

export const exercises = [gradientChecks, stepChecks];
