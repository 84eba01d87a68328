/**
 * Lesson 03's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import * as shown from '../../../notebooks/checks/nb-03';
import type { GradientStep, LogLossGradient, Params } from '../../../notebooks/checks/nb-03';
import * as hidden from './nb-03';
import { failuresIn, resultsNow } from './meta';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const predict = (p: Params, x: number[]): number => sigmoid(p.b + x.reduce((s, v, j) => s + v * p.w[j]!, 0));

/** The answer, written independently of referenceGradient, with switches for common mistakes. */
function gradient(mistake: 'none' | 'no-penalty' | 'penalised-bias' | 'two-features' | 'in-place' = 'none'): LogLossGradient {
  return (params, xs, ys, C) => {
    const n = xs.length;
    const w = mistake === 'in-place' ? params.w : params.w.slice();
    const grad = w.map((wj) => (mistake === 'no-penalty' ? 0 : wj / (C * n)));
    let b = mistake === 'penalised-bias' ? params.b / (C * n) : 0;
    xs.forEach((x, i) => {
      const error = predict(params, x) - ys[i]!;
      (mistake === 'two-features' ? x.slice(0, 2) : x).forEach((v, j) => (grad[j]! += (error * v) / n));
      b += error / n;
    });
    if (mistake === 'in-place') grad.forEach((g, j) => (params.w[j] = g));
    return { w: mistake === 'in-place' ? params.w : grad, b };
  };
}

function step(mistake: 'none' | 'uphill' | 'ignores-C' = 'none'): GradientStep {
  const g = gradient();
  return (params, xs, ys, C, rate) => {
    const grad = g(params, xs, ys, mistake === 'ignores-C' ? 1 : C);
    const sign = mistake === 'uphill' ? -1 : 1;
    return { w: params.w.map((wj, j) => wj - sign * rate * grad.w[j]!), b: params.b - sign * rate * grad.b };
  };
}

const stub = (): never => {
  throw new Error('nb-03.1: not implemented — a hint');
};

const failures = failuresIn(shown.exercises, hidden.exercises);

describe('lesson 03 exercise checks', () => {
  it('every public and hidden check passes on a right answer', () => {
    assert.deepEqual(failures('nb-03.1', { logLossGradient: gradient() }), []);
    assert.deepEqual(failures('nb-03.2', { gradientStep: step() }), []);
  });

  it("the public finite-difference check agrees with the hidden reference formula on the lesson's data", () => {
    const at: Params = { w: [0.8, -0.5], b: 0.3 };
    const measured = shown.numericGradient((p) => shown.logLoss(p, shown.TINY_XS, shown.TINY_YS, 0.5), at);
    const formula = hidden.referenceGradient(at, shown.TINY_XS, shown.TINY_YS, 0.5);
    measured.forEach((m, k) => assert.ok(Math.abs(m - formula[k]!) < 1e-8, `component ${k}: ${m} vs ${formula[k]}`));
  });

  for (const mistake of ['no-penalty', 'penalised-bias', 'two-features', 'in-place'] as const) {
    it(`nb-03.1 catches a gradient with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-03.1', { logLossGradient: gradient(mistake) }).length > 0);
    });
  }

  for (const mistake of ['uphill', 'ignores-C'] as const) {
    it(`nb-03.2 catches a step with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-03.2', { gradientStep: step(mistake) }).length > 0);
    });
  }

  it('the public checks catch the missing penalty, so a learner sees it before grading', () => {
    const publicOnly = shown.exercises
      .filter((e) => e.id === 'nb-03.1')
      .flatMap((e) => resultsNow(e as never, { logLossGradient: gradient('no-penalty') }));
    assert.ok(publicOnly.some((r) => !r.ok && /w \/ \(C·n\)/.test(r.line)));
  });

  it('a stub fails every check with its own hint', () => {
    const lines = failures('nb-03.1', { logLossGradient: stub });
    assert.equal(lines.length, shown.exercises[0]!.checks.length + hidden.exercises[0]!.checks.length);
    for (const line of lines) assert.match(line, /not implemented yet; hint: a hint/);
  });
});
