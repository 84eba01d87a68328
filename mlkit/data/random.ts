/**
 * Seeded randomness for reproducible experiments.
 *
 * `Math.random()` cannot be seeded, so two runs of a notebook would split or shuffle the data
 * differently and report different scores. Everything in this project that needs randomness
 * (splits, cross-validation folds, weight initialisation) takes a seed and uses these.
 */

/**
 * Mulberry32: a tiny 32-bit pseudo-random generator. Fast and good enough for shuffling and
 * sampling; not for cryptography.
 *
 * @param seed any number; only its low 32 bits matter (non-integers are truncated).
 * @returns a function giving the next float in [0, 1) on each call; the same seed always
 *   gives the same sequence.
 */
export function mulberry32(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new RangeError(`mulberry32: seed must be a finite number, got ${seed}`);
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fisher–Yates shuffle with a seeded generator.
 *
 * @param items the array to shuffle; it is not modified.
 * @param seed the seed for {@link mulberry32}; the same items and seed give the same order.
 * @returns a new array holding the same items in shuffled order (length `items.length`).
 */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  const next = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
