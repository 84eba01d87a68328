/**
 * Multinomial naive Bayes, as scikit-learn's `MultinomialNB(alpha)`: each class is a bag of
 * words with Laplace/Lidstone-smoothed word probabilities, and the prediction is Bayes' rule.
 * Works on counts or tf-idf rows alike. A strong, instant baseline for text.
 */
import type { CsrMatrix, SparseRow } from '../text/sparse';
import { checkBinaryLabels } from './labels';
import { sigmoid } from './logistic';

export interface NaiveBayesJSON {
  readonly kind: 'naive-bayes';
  /** log P(word j | class c), [2][nFeatures]. */
  readonly featureLogProb: readonly [readonly number[], readonly number[]];
  /** log P(class c), [2]. */
  readonly classLogPrior: readonly [number, number];
}

export class MultinomialNB {
  readonly featureLogProb: readonly [Float64Array, Float64Array];
  readonly classLogPrior: readonly [number, number];

  constructor(featureLogProb: readonly [Float64Array, Float64Array], classLogPrior: readonly [number, number]) {
    this.featureLogProb = featureLogProb;
    this.classLogPrior = classLogPrior;
  }

  /**
   * Fit on non-negative rows `x` [n, nFeatures] with 0/1 labels `y`.
   * @param alpha additive smoothing (> 0; 1 = Laplace).
   */
  static fit(x: CsrMatrix, y: ArrayLike<number>, alpha = 1): MultinomialNB {
    if (!(alpha > 0)) throw new RangeError(`naive Bayes: alpha must be > 0, got ${alpha}`);
    if (y.length !== x.nRows) throw new RangeError(`naive Bayes: ${x.nRows} rows but ${y.length} labels`);
    checkBinaryLabels(y);
    const counts = [new Float64Array(x.nCols), new Float64Array(x.nCols)] as const;
    const docs = [0, 0];
    for (let i = 0; i < x.nRows; i++) {
      const c = y[i] as 0 | 1;
      docs[c]++;
      for (let k = x.indptr[i]; k < x.indptr[i + 1]; k++) {
        const v = x.values[k];
        if (v < 0) throw new RangeError(`naive Bayes: row ${i} has a negative value ${v}; it needs counts or tf-idf`);
        counts[c][x.indices[k]] += v;
      }
    }
    const flp = counts.map((fc) => {
      let total = 0;
      for (let j = 0; j < fc.length; j++) total += fc[j] + alpha;
      return fc.map((v) => Math.log(v + alpha) - Math.log(total));
    }) as unknown as [Float64Array, Float64Array];
    const prior: [number, number] = [Math.log(docs[0] / x.nRows), Math.log(docs[1] / x.nRows)];
    return new MultinomialNB(flp, prior);
  }

  /** log P(spam | x) − log P(ham | x) for one row. */
  decision(row: SparseRow): number {
    let s = this.classLogPrior[1] - this.classLogPrior[0];
    const [f0, f1] = this.featureLogProb;
    for (let k = 0; k < row.indices.length; k++) {
      const j = row.indices[k];
      s += row.values[k] * (f1[j] - f0[j]);
    }
    return s;
  }

  /** P(y = 1) for one row. */
  predictProbaRow(row: SparseRow): number {
    return sigmoid(this.decision(row));
  }

  /** P(y = 1) per row of `x` → Float64Array [n]. */
  predictProba(x: CsrMatrix): Float64Array {
    const out = new Float64Array(x.nRows);
    for (let i = 0; i < x.nRows; i++) {
      const start = x.indptr[i];
      const end = x.indptr[i + 1];
      out[i] = this.predictProbaRow({ indices: x.indices.subarray(start, end), values: x.values.subarray(start, end) });
    }
    return out;
  }

  toJSON(): NaiveBayesJSON {
    return {
      kind: 'naive-bayes',
      featureLogProb: [Array.from(this.featureLogProb[0]), Array.from(this.featureLogProb[1])],
      classLogPrior: [this.classLogPrior[0], this.classLogPrior[1]],
    };
  }

  static fromJSON(json: unknown): MultinomialNB {
    const j = json as Partial<NaiveBayesJSON> | null;
    if (j === null || typeof j !== 'object' || j.kind !== 'naive-bayes')
      throw new TypeError('naive Bayes JSON: expected an object with kind "naive-bayes"');
    const f = j.featureLogProb;
    if (!Array.isArray(f) || f.length !== 2 || !f.every((r) => Array.isArray(r) && r.length === (f[0] as unknown[]).length)) {
      throw new TypeError('naive Bayes JSON: "featureLogProb" must be two equal-length arrays');
    }
    const p = j.classLogPrior;
    if (!Array.isArray(p) || p.length !== 2 || !p.every((v) => typeof v === 'number'))
      throw new TypeError('naive Bayes JSON: "classLogPrior" must be two numbers');
    return new MultinomialNB([Float64Array.from(f[0]), Float64Array.from(f[1])], [p[0], p[1]]);
  }
}
