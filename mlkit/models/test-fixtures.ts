/**
 * The scikit-learn reference for the linear models (fixtures/sklearn-linear.json, made by
 * fixtures/make_fixtures.py), shared by their tests. A module of its own, not a test file:
 * importing a test file would also run its suite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csrFromRows, type CsrMatrix } from '../text/sparse';

export interface LinearFixture {
  x: number[][];
  y: (0 | 1)[];
  logistic: { C: number; class_weight: 'balanced' | null; coef: number[]; intercept: number; proba: number[]; optimum_proba: number[] }[];
  naive_bayes: { alpha: number; proba: number[]; feature_log_prob: number[][] };
}
export const linearFixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sklearn-linear.json'), 'utf8')) as LinearFixture;

/** Dense rows → CSR, skipping zeros. */
export function denseToCsr(x: number[][]): CsrMatrix {
  const rows = x.map((r) => {
    const idx = r.flatMap((v, j) => (v !== 0 ? [j] : []));
    return { indices: Int32Array.from(idx), values: Float64Array.from(idx.map((j) => r[j])) };
  });
  return csrFromRows(rows, x[0]?.length ?? 0);
}
