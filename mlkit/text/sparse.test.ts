import assert from 'node:assert/strict';
import { csrFromRows, csrRow, csrSelectRows, csrToDense, sparseDot } from './sparse';

const rows = [
  { indices: Int32Array.from([0, 2]), values: Float64Array.from([1, 2]) },
  { indices: Int32Array.from([]), values: Float64Array.from([]) },
  { indices: Int32Array.from([1]), values: Float64Array.from([3]) },
];

describe('CSR matrix', () => {
  it('stacks rows and reads them back as dense', () => {
    assert.deepEqual(csrToDense(csrFromRows(rows, 3)), [
      [1, 0, 2],
      [0, 0, 0],
      [0, 3, 0],
    ]);
  });
  it('selects rows in the given order', () => {
    assert.deepEqual(csrToDense(csrSelectRows(csrFromRows(rows, 3), [2, 0])), [
      [0, 3, 0],
      [1, 0, 2],
    ]);
  });
  it('refuses a row outside the matrix', () => {
    assert.throws(() => csrRow(csrFromRows(rows, 3), 3), /row 3/);
  });
  it('computes a sparse dot product', () => {
    assert.equal(sparseDot(rows[0] as (typeof rows)[0], [10, 20, 30]), 70);
  });
});
