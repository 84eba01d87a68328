/**
 * Binary logistic regression on sparse rows, trained with L-BFGS.
 *
 * Minimises the same objective as scikit-learn's `LogisticRegression(C, class_weight)`:
 * `C · Σᵢ wᵢ · logloss(yᵢ, σ(x·β + b)) + ½‖β‖²` (the intercept `b` is not penalised).
 * We divide it by `C · Σ wᵢ`, which moves no minimum but keeps the gradient tolerance
 * meaningful at any data size.
 */
import type { CsrMatrix, SparseRow } from '../text/sparse';
import { balancedClassWeights, checkBinaryLabels } from './labels';
import { minimizeLbfgs } from './lbfgs';

export interface LogisticOptions {
  /** Inverse regularisation strength (larger = weaker L2), as in scikit-learn. */
  readonly C: number;
  /** `'balanced'` reweights classes to equal total weight; `[w0, w1]` gives them explicitly; `null` = 1 each. */
  readonly classWeight: 'balanced' | readonly [number, number] | null;
  readonly maxIter: number;
  /** Stop when every gradient component of the scaled objective is within ±tol. */
  readonly tol: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = { C: 1, classWeight: null, maxIter: 1000, tol: 1e-7 };

export interface LogisticJSON {
  readonly kind: 'logistic';
  readonly weights: readonly number[];
  readonly bias: number;
}

/** σ(z) = 1 / (1 + e^(−z)), computed without overflow. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

// log(1 + e^(−m)) for the margin m = ±z, stable for large |m|.
function logLoss(margin: number): number {
  return margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
}

// The three passes over the data live in small top-level functions over typed arrays so the
// JIT compiles each once, monomorphic: this is where all the training time goes.
function scores(indptr: Int32Array, indices: Int32Array, values: Float64Array, w: Float64Array, b: number, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) {
    let s = b;
    const end = indptr[i + 1];
    for (let k = indptr[i]; k < end; k++) s += values[k] * w[indices[k]];
    out[i] = s;
  }
}

function lossAndResiduals(z: Float64Array, y: ArrayLike<number>, sw: Float64Array, total: number): number {
  let loss = 0;
  for (let i = 0; i < z.length; i++) {
    const zi = z[i];
    const yi = y[i];
    loss += sw[i] * logLoss(yi === 1 ? zi : -zi);
    z[i] = (sw[i] * (sigmoid(zi) - yi)) / total;
  }
  return loss / total;
}

function addTransposed(indptr: Int32Array, indices: Int32Array, values: Float64Array, r: Float64Array, out: Float64Array): void {
  for (let i = 0; i < r.length; i++) {
    const ri = r[i];
    const end = indptr[i + 1];
    for (let k = indptr[i]; k < end; k++) {
      const j = indices[k];
      out[j] = out[j] + ri * values[k];
    }
  }
}

export class LogisticRegression {
  /** Float64Array [nFeatures]. */
  readonly weights: Float64Array;
  readonly bias: number;

  constructor(weights: Float64Array, bias: number) {
    this.weights = weights;
    this.bias = bias;
  }

  /**
   * Fit on rows `x` [n, nFeatures] with labels `y` (0/1, length n).
   * Deterministic: same data and options give the same weights, bit for bit.
   */
  static fit(x: CsrMatrix, y: ArrayLike<number>, options: Partial<LogisticOptions> = {}): LogisticRegression {
    const o = { ...DEFAULT_LOGISTIC, ...options };
    if (!(o.C > 0)) throw new RangeError(`logistic: C must be > 0, got ${o.C}`);
    if (y.length !== x.nRows) throw new RangeError(`logistic: ${x.nRows} rows but ${y.length} labels`);
    checkBinaryLabels(y);
    const cw = o.classWeight === 'balanced' ? balancedClassWeights(y) : (o.classWeight ?? [1, 1]);
    const sw = Float64Array.from({ length: y.length }, (_, i) => cw[y[i] as 0 | 1]);
    let total = 0;
    for (let i = 0; i < sw.length; i++) total += sw[i];
    const nF = x.nCols;
    const z = new Float64Array(x.nRows);
    const lambda = 1 / (o.C * total);
    const objective = (params: Float64Array, grad: Float64Array): number => {
      scores(x.indptr, x.indices, x.values, params, params[nF], z);
      // z becomes the per-row gradient factor wᵢ·(σ(zᵢ) − yᵢ) / Σw after the loss is summed.
      const loss = lossAndResiduals(z, y, sw, total);
      grad.fill(0);
      addTransposed(x.indptr, x.indices, x.values, z, grad);
      let sq = 0,
        bias = 0;
      for (let i = 0; i < z.length; i++) bias += z[i];
      for (let j = 0; j < nF; j++) {
        const w = params[j];
        sq += w * w;
        grad[j] = grad[j] + lambda * w;
      }
      grad[nF] = bias;
      return loss + 0.5 * lambda * sq;
    };
    const result = minimizeLbfgs(objective, new Float64Array(nF + 1), { maxIter: o.maxIter, gtol: o.tol });
    return new LogisticRegression(result.x.slice(0, nF), result.x[nF]);
  }

  get nFeatures(): number {
    return this.weights.length;
  }

  /** Raw score x·β + b for one row (log-odds of the positive class). */
  decision(row: SparseRow): number {
    let s = this.bias;
    for (let k = 0; k < row.indices.length; k++) s += row.values[k] * this.weights[row.indices[k]];
    return s;
  }

  /** P(y = 1) for one row. */
  predictProbaRow(row: SparseRow): number {
    return sigmoid(this.decision(row));
  }

  /** P(y = 1) per row of `x` [n, nFeatures] → Float64Array [n]. */
  predictProba(x: CsrMatrix): Float64Array {
    const out = new Float64Array(x.nRows);
    scores(x.indptr, x.indices, x.values, this.weights, this.bias, out);
    return out.map(sigmoid);
  }

  toJSON(): LogisticJSON {
    return { kind: 'logistic', weights: Array.from(this.weights), bias: this.bias };
  }

  static fromJSON(json: unknown): LogisticRegression {
    const j = json as Partial<LogisticJSON> | null;
    if (j === null || typeof j !== 'object' || j.kind !== 'logistic')
      throw new TypeError('logistic JSON: expected an object with kind "logistic"');
    if (!Array.isArray(j.weights) || !j.weights.every((w) => typeof w === 'number' && Number.isFinite(w)))
      throw new TypeError('logistic JSON: "weights" must be an array of finite numbers');
    if (typeof j.bias !== 'number' || !Number.isFinite(j.bias)) throw new TypeError('logistic JSON: "bias" must be a finite number');
    return new LogisticRegression(Float64Array.from(j.weights), j.bias);
  }
}
