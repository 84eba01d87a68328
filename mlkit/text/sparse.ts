/**
 * Sparse vectors and matrices for bag-of-words features.
 *
 * A vocabulary has tens of thousands of words but one email uses a few hundred, so rows store
 * only the non-zero entries: `indices[k]` is a column (feature id) and `values[k]` its value.
 */

/** One sparse row: parallel typed arrays, `indices` strictly increasing. */
export interface SparseRow {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/**
 * Compressed sparse row (CSR) matrix, the layout scikit-learn's `scipy.sparse.csr_matrix` uses.
 * Row `i` lives in `indices/values[indptr[i] .. indptr[i + 1])`.
 */
export interface CsrMatrix {
  readonly nRows: number;
  readonly nCols: number;
  /** Int32Array [nRows + 1] of offsets into `indices` and `values`. */
  readonly indptr: Int32Array;
  /** Int32Array [nnz] column ids. */
  readonly indices: Int32Array;
  /** Float64Array [nnz] values. */
  readonly values: Float64Array;
}

/**
 * Stack sparse rows into a CSR matrix.
 * @param rows sparse rows, each with column ids < `nCols`.
 * @param nCols number of columns (the vocabulary size).
 */
export function csrFromRows(rows: readonly SparseRow[], nCols: number): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) indptr[i + 1] = indptr[i] + rows[i].indices.length;
  const nnz = indptr[rows.length];
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  rows.forEach((row, i) => {
    indices.set(row.indices, indptr[i]);
    values.set(row.values, indptr[i]);
  });
  return { nRows: rows.length, nCols, indptr, indices, values };
}

/** Row `i` of a CSR matrix as a view (no copy). */
export function csrRow(m: CsrMatrix, i: number): SparseRow {
  if (!Number.isInteger(i) || i < 0 || i >= m.nRows) throw new RangeError(`csrRow: row ${i} is outside 0..${m.nRows - 1}`);
  const start = m.indptr[i];
  const end = m.indptr[i + 1];
  return { indices: m.indices.subarray(start, end), values: m.values.subarray(start, end) };
}

/** A new CSR matrix holding the given rows of `m`, in that order (for folds and bootstrap). */
export function csrSelectRows(m: CsrMatrix, rowIds: readonly number[]): CsrMatrix {
  return csrFromRows(
    rowIds.map((i) => csrRow(m, i)),
    m.nCols,
  );
}

/** Dense copy of a CSR matrix, `number[nRows][nCols]`; for tests and small examples only. */
export function csrToDense(m: CsrMatrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.nRows; i++) {
    const row = new Array<number>(m.nCols).fill(0);
    const r = csrRow(m, i);
    for (let k = 0; k < r.indices.length; k++) row[r.indices[k]] = r.values[k];
    out.push(row);
  }
  return out;
}

/** Dot product of a sparse row with a dense weight vector. */
export function sparseDot(row: SparseRow, weights: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < row.indices.length; k++) s += row.values[k] * weights[row.indices[k]];
  return s;
}
