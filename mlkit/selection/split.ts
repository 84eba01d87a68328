/**
 * Seeded splits of row indices: a train/test split and stratified k-fold. They work on
 * indices so they fit any data (arrays of texts, CSR rows, tables).
 */
import { shuffle } from '../data/random';

/** Row indices of one split. */
export interface Fold {
  readonly train: number[];
  readonly test: number[];
}

function checkShare(testSize: number): void {
  if (!(testSize > 0 && testSize < 1)) throw new RangeError(`testSize must be a share in (0, 1), got ${testSize}`);
}

/** Group indices by label value, in index order. */
function byClass(labels: ArrayLike<number | string>): Map<number | string, number[]> {
  const groups = new Map<number | string, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i];
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  return groups;
}

/**
 * Split `n` rows into train and test.
 * @param n number of rows.
 * @param testSize share of rows for test, in (0, 1).
 * @param seed shuffling seed.
 * @param stratify optional labels (length n): each class is split in the same proportion.
 * @returns indices, each sorted ascending.
 */
export function trainTestSplit(n: number, testSize: number, seed: number, stratify?: ArrayLike<number | string>): Fold {
  checkShare(testSize);
  if (stratify !== undefined && stratify.length !== n) throw new RangeError(`stratify has ${stratify.length} labels for ${n} rows`);
  const groups = stratify ? [...byClass(stratify).values()] : [Array.from({ length: n }, (_, i) => i)];
  const train: number[] = [],
    test: number[] = [];
  groups.forEach((g, k) => {
    const order = shuffle(g, seed + k);
    const nTest = Math.round(g.length * testSize);
    test.push(...order.slice(0, nTest));
    train.push(...order.slice(nTest));
  });
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/**
 * Stratified k-fold: each row is in exactly one test fold, and every fold keeps the label
 * proportions (each class is dealt round-robin over the folds after a seeded shuffle).
 * @param labels one label per row.
 * @param k number of folds, 2 ≤ k ≤ size of the smallest class.
 */
export function stratifiedKFold(labels: ArrayLike<number | string>, k: number, seed: number): Fold[] {
  const groups = [...byClass(labels).entries()];
  const smallest = Math.min(...groups.map(([, g]) => g.length));
  if (!Number.isInteger(k) || k < 2 || k > smallest)
    throw new RangeError(`k must be an integer in 2..${smallest} (the smallest class size), got ${k}`);
  const testOf: number[][] = Array.from({ length: k }, () => []);
  let offset = 0;
  groups.forEach(([, g], c) => {
    shuffle(g, seed + c).forEach((row, i) => testOf[(i + offset) % k].push(row));
    offset += g.length;
  });
  return testOf.map((test) => {
    const inTest = new Set(test);
    const train: number[] = [];
    for (let i = 0; i < labels.length; i++) if (!inTest.has(i)) train.push(i);
    return { train, test: test.sort((a, b) => a - b) };
  });
}
