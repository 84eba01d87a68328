import assert from 'node:assert/strict';
import { choleskySolve } from './linalg';

describe('choleskySolve', () => {
  it('solves a hand-checked 2 × 2 system: [[4, 2], [2, 3]] x = [2, 1] → x = [0.5, 0]', () => {
    const x = choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2);
    assert.ok(Math.abs(x[0] - 0.5) < 1e-15 && Math.abs(x[1]) < 1e-15);
  });
  it('recovers x from A x for a random SPD matrix', () => {
    const n = 6,
      m = Array.from({ length: n * n }, (_, i) => Math.sin(i + 1));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        for (let k = 0; k < n; k++) a[i * n + j] = a[i * n + j] + m[i * n + k] * m[j * n + k] + (i === j && k === 0 ? 1 : 0);
    const x = Array.from({ length: n }, (_, i) => i - 2);
    const b = Float64Array.from({ length: n }, (_, i) => x.reduce((s, v, j) => s + a[i * n + j] * v, 0));
    const got = choleskySolve(a.slice(), b, n);
    x.forEach((v, i) => assert.ok(Math.abs(got[i] - v) < 1e-9, `x[${i}]`));
  });
  it('refuses a matrix that is not positive definite', () => {
    assert.throws(() => choleskySolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2), /not positive definite/);
  });
});
