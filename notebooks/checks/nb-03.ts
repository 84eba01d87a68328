/**
 * Checks for the exercises of lesson 03 (Training). The checker cells of the lesson run them:
 * `grader.check('nb-03.1', logLossGradient)`. Read them when a check puzzles you: each
 * compares what your function returns with what the lesson says it should.
 */
import { closeTo, satisfies, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';

/** Logistic regression's parameters: one weight per feature, and the bias. */
export interface Params {
  w: number[];
  b: number;
}

export type LogLossGradient = (params: Params, xs: number[][], ys: number[], C: number) => Params;
export type GradientStep = (params: Params, xs: number[][], ys: number[], C: number, learningRate: number) => Params;

/** The lesson's twelve tiny e-mails: [number of "!", number of links], label 1 = spam. */
export const TINY_XS = [
  [0, 0],
  [1, 0],
  [0, 1],
  [2, 1],
  [1, 1],
  [6, 0],
  [3, 2],
  [4, 1],
  [2, 3],
  [5, 3],
  [1, 0],
  [0, 2],
];
export const TINY_YS = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The lesson's loss: mean log-loss plus the penalty ‖w‖² / (2·C·n). */
export function logLoss(params: Params, xs: number[][], ys: number[], C: number): number {
  const n = xs.length;
  let sum = 0;
  xs.forEach((x, i) => {
    const p = sigmoid(params.b + x.reduce((s, v, j) => s + v * params.w[j], 0));
    sum -= ys[i] === 1 ? Math.log(p) : Math.log(1 - p);
  });
  return sum / n + params.w.reduce((s, v) => s + v * v, 0) / (2 * C * n);
}

/**
 * The gradient measured rather than derived: central differences (f(θ + h) − f(θ − h)) / 2h,
 * one parameter at a time. Slow, but it cannot share a mistake with a formula.
 * @returns [∂f/∂w₀, …, ∂f/∂b]
 */
export function numericGradient(f: (params: Params) => number, params: Params, h = 1e-5): number[] {
  const flat = [...params.w, params.b];
  const at = (values: number[]): Params => ({ w: values.slice(0, -1), b: values[values.length - 1] });
  return flat.map((_, k) => {
    const up = flat.slice();
    const down = flat.slice();
    up[k] += h;
    down[k] -= h;
    return (f(at(up)) - f(at(down))) / (2 * h);
  });
}

/** Parameters as one vector [w₀, …, b], the way the checks compare them. */
export const flatten = (params: Params): number[] => [...params.w, params.b];

const SECTION = 'Logistic regression by hand';
const START: Params = { w: [0, 0], b: 0 };
// Away from w = 0, where the penalty's gradient w / (C·n) is not zero and so is checked too.
const ELSEWHERE: Params = { w: [0.8, -0.5], b: 0.3 };
const measured = (params: Params, C: number) => (): number[] => numericGradient((p) => logLoss(p, TINY_XS, TINY_YS, C), params);

const gradientChecks: ExerciseChecks<{ logLossGradient: LogLossGradient }> = {
  id: 'nb-03.1',
  section: SECTION,
  uses: ['logLossGradient'],
  checks: [
    closeTo('at w = 0 the gradient matches finite differences on the 12 e-mails', {
      got: (f) => flatten(f.logLossGradient(START, TINY_XS, TINY_YS, 1)),
      expected: measured(START, 1),
      relative: 1e-6,
      hint: 'average (p − y)·x over the rows for each weight, and (p − y) alone for the bias',
    }),
    closeTo('at w = [0.8, −0.5], b = 0.3, C = 0.5 it matches finite differences too', {
      got: (f) => flatten(f.logLossGradient(ELSEWHERE, TINY_XS, TINY_YS, 0.5)),
      expected: measured(ELSEWHERE, 0.5),
      relative: 1e-6,
      hint: "the penalty ‖w‖² / (2·C·n) adds w / (C·n) to each weight's gradient (not to the bias's)",
    }),
  ],
};

const stepChecks: ExerciseChecks<{ gradientStep: GradientStep }> = {
  id: 'nb-03.2',
  section: SECTION,
  uses: ['gradientStep'],
  checks: [
    closeTo('one step of 0.3 from w = [0.8, −0.5] moves 0.3 × the gradient downhill', {
      got: (f) => flatten(f.gradientStep(ELSEWHERE, TINY_XS, TINY_YS, 1, 0.3)),
      expected: () => flatten(ELSEWHERE).map((v, k) => v - 0.3 * measured(ELSEWHERE, 1)()[k]),
      relative: 1e-6,
      hint: 'new parameter = parameter − learningRate × its gradient (call your logLossGradient)',
    }),
    satisfies('one step from w = 0 lowers the loss', {
      got: (f) => [logLoss(START, TINY_XS, TINY_YS, 1), logLoss(f.gradientStep(START, TINY_XS, TINY_YS, 1, 0.3), TINY_XS, TINY_YS, 1)],
      test: ([before, after]) => after < before,
      expected: 'a loss below ln 2 = 0.6931 after the step',
      show: ([before, after]) => `loss ${before.toFixed(4)} → ${after.toFixed(4)}`,
      hint: 'step against the gradient: subtract it, do not add it',
    }),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [gradientChecks, stepChecks];

export const grader = createGrader('notebooks/checks/nb-03.ts', exercises);
