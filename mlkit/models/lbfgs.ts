/**
 * L-BFGS: a quasi-Newton minimiser for smooth functions, the solver scikit-learn's
 * `LogisticRegression` uses by default. It remembers the last few steps and gradient changes
 * to approximate curvature, so it needs far fewer passes over the data than plain gradient
 * descent, and it is deterministic (no sampling).
 */

/** Objective: writes the gradient into `grad` (same length as `x`) and returns the value. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop after this many iterations (default 1000). */
  readonly maxIter?: number;
  /** Stop when every gradient component is within ±gtol (default 1e-6). */
  readonly gtol?: number;
  /** Number of remembered steps (default 10). */
  readonly memory?: number;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** out = a + t·d, elementwise. */
function step(out: Float64Array, a: Float64Array, t: number, d: Float64Array): void {
  for (let k = 0; k < out.length; k++) out[k] = a[k] + t * d[k];
}

/** out = a − b, elementwise. */
function diff(out: Float64Array, a: Float64Array, b: Float64Array): void {
  for (let k = 0; k < out.length; k++) out[k] = a[k] - b[k];
}

/** Two-loop recursion: direction = -H·grad from the stored (s, y) pairs, oldest first. */
function direction(grad: Float64Array, s: Float64Array[], y: Float64Array[], rho: number[]): Float64Array {
  const q = Float64Array.from(grad);
  const alpha = new Array<number>(s.length);
  for (let i = s.length - 1; i >= 0; i--) {
    const yi = y[i];
    const a = rho[i] * dot(s[i], q);
    alpha[i] = a;
    step(q, q, -a, yi);
  }
  if (s.length > 0) {
    const last = y[s.length - 1];
    const gamma = 1 / (rho[s.length - 1] * dot(last, last)); // (s·y) / (y·y)
    for (let k = 0; k < q.length; k++) q[k] = q[k] * gamma;
  }
  for (let i = 0; i < s.length; i++) {
    const si = s[i];
    const b = rho[i] * dot(y[i], q);
    step(q, q, alpha[i] - b, si);
  }
  for (let k = 0; k < q.length; k++) q[k] = -q[k];
  return q;
}

/**
 * Minimise `f` from `x0` (not modified).
 * Line search: backtracking until the Armijo condition holds; curvature pairs with
 * `s·y ≤ 0` are skipped so the approximation stays positive definite.
 */
export function minimizeLbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const maxIter = options.maxIter ?? 1000;
  const gtol = options.gtol ?? 1e-6;
  const memory = options.memory ?? 10;
  let x = Float64Array.from(x0);
  let grad = new Float64Array(x.length);
  let value = f(x, grad);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  // 1 / (s·y) per pair, computed once when the pair is stored rather than twice per iteration.
  const rho: number[] = [];
  const spare: { s?: Float64Array; y?: Float64Array } = {};
  for (let iter = 0; iter < maxIter; iter++) {
    if (maxAbs(grad) <= gtol) return { x, value, iterations: iter, converged: true };
    const d = direction(grad, s, y, rho);
    let slope = dot(d, grad);
    if (slope >= 0) {
      // Lost descent (numerical trouble): restart from steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      for (let k = 0; k < d.length; k++) d[k] = -grad[k];
      slope = dot(d, grad);
    }
    let t = s.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    const xNew = new Float64Array(x.length);
    const gNew = new Float64Array(x.length);
    let vNew = Infinity;
    for (let ls = 0; ls < 60; ls++) {
      step(xNew, x, t, d);
      vNew = f(xNew, gNew);
      if (vNew <= value + 1e-4 * t * slope) break;
      t *= 0.5;
    }
    if (!(vNew < value) && !(vNew <= value)) return { x, value, iterations: iter, converged: false };
    // Work buffers for the new pair; once the memory is full, the dropped pair's buffers become
    // the next work buffers (no allocation per step, and a rejected pair corrupts nothing).
    const sk = spare.s ?? new Float64Array(x.length);
    const yk = spare.y ?? new Float64Array(x.length);
    spare.s = sk;
    spare.y = yk;
    diff(sk, xNew, x);
    diff(yk, gNew, grad);
    const sy = dot(sk, yk);
    if (sy > 1e-12 * dot(yk, yk)) {
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
      spare.s = undefined;
      spare.y = undefined;
      if (s.length > memory) {
        spare.s = s.shift();
        spare.y = y.shift();
        rho.shift();
      }
    }
    const improvement = value - vNew;
    x = xNew;
    grad = gNew;
    value = vNew;
    if (improvement <= 1e-15 * Math.max(1, Math.abs(value)) && maxAbs(grad) > gtol) {
      return { x, value, iterations: iter + 1, converged: maxAbs(grad) <= gtol };
    }
  }
  return { x, value, iterations: maxIter, converged: maxAbs(grad) <= gtol };
}
