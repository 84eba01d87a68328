/**
 * The numerical core of implicit ALS: one exact least-squares half-step, and the loss it lowers.
 * Factors are row-major Float64Arrays: x[r·f + p] is factor p of row r.
 */
import { choleskySolve } from './linalg';

/** Gram matrix YᵀY + λI of the fixed side, [f × f]. */
export function gram(y: Float64Array, rows: number, f: number, lambda: number): Float64Array {
  const g = new Float64Array(f * f);
  for (let r = 0; r < rows; r++) {
    for (let a = 0; a < f; a++) {
      const ya = y[r * f + a];
      for (let b = 0; b <= a; b++) g[a * f + b] = g[a * f + b] + ya * y[r * f + b];
    }
  }
  for (let a = 0; a < f; a++) {
    for (let b = 0; b < a; b++) g[b * f + a] = g[a * f + b];
    g[a * f + a] = g[a * f + a] + lambda;
  }
  return g;
}

/**
 * One half-step: for each row r of the side being solved, x_r = (YᵀY + Yᵀ(C_r − I)Y + λI)⁻¹ Yᵀ C_r p_r,
 * touching only the row's observed columns (the YᵀY part is shared).
 */
export function solveSide(
  x: Float64Array,
  y: Float64Array,
  cols: readonly Int32Array[],
  conf: readonly Float64Array[],
  yRows: number,
  f: number,
  lambda: number,
): void {
  const g = gram(y, yRows, f, lambda);
  const a = new Float64Array(f * f),
    b = new Float64Array(f);
  cols.forEach((row, r) => {
    a.set(g);
    b.fill(0);
    row.forEach((j, n) => {
      const c = (conf[r] as Float64Array)[n];
      for (let p = 0; p < f; p++) {
        const yp = y[j * f + p];
        b[p] = b[p] + c * yp;
        for (let q = 0; q < f; q++) a[p * f + q] = a[p * f + q] + (c - 1) * yp * y[j * f + q];
      }
    });
    x.set(choleskySolve(a, b, f), r * f);
  });
}

/** Transposes the user rows into item columns, carrying the confidences along. */
export function transpose(
  rows: readonly Int32Array[],
  conf: readonly Float64Array[],
  nItems: number,
): { cols: Int32Array[]; conf: Float64Array[] } {
  const lists: number[][] = Array.from({ length: nItems }, () => []),
    cs: number[][] = Array.from({ length: nItems }, () => []);
  rows.forEach((row, u) =>
    row.forEach((j, n) => {
      lists[j]?.push(u);
      cs[j]?.push((conf[u] as Float64Array)[n]);
    }),
  );
  return { cols: lists.map((l) => Int32Array.from(l)), conf: cs.map((c) => Float64Array.from(c)) };
}

/**
 * The objective ALS minimises: Σ over all user–item pairs of c·(p − xᵀy)² plus λ(‖X‖² + ‖Y‖²),
 * with p = 1, c = conf on observed pairs and p = 0, c = 1 elsewhere. O(users · items · f):
 * for checks on small data, not for training-time logging.
 */
export function implicitLoss(
  x: Float64Array,
  y: Float64Array,
  rows: readonly Int32Array[],
  conf: readonly Float64Array[],
  nItems: number,
  f: number,
  lambda: number,
): number {
  let loss = 0;
  rows.forEach((row, u) => {
    const observed = new Map(Array.from(row, (j, n) => [j, (conf[u] as Float64Array)[n]]));
    for (let j = 0; j < nItems; j++) {
      let dot = 0;
      for (let p = 0; p < f; p++) dot += x[u * f + p] * y[j * f + p];
      const c = observed.get(j);
      loss += c === undefined ? dot * dot : c * (1 - dot) ** 2;
    }
  });
  const sq = (v: Float64Array): number => v.reduce((s, t) => s + t * t, 0);
  return loss + lambda * (sq(x) + sq(y));
}

/** Small random factors (normal, sd 0.1) from a seeded generator. */
export function initFactors(rows: number, f: number, rng: () => number): Float64Array {
  return Float64Array.from({ length: rows * f }, () => 0.1 * Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()));
}
