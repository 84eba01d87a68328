/**
 * Ranking metrics for one user's recommendation list against the items they went on to use.
 * Conventions (as in most recommender libraries): the list is cut at k; precision divides by k
 * even when the list is shorter (a short list is a miss, not an excuse); metrics that divide by
 * the relevant set (recall, AP, NDCG) are NaN for a user with no relevant items, and
 * `meanOverUsers` skips them.
 */

function checkK(k: number): void {
  if (!Number.isInteger(k) || k <= 0) throw new RangeError(`k must be a positive integer, got ${k}`);
}

/** Relevant items among the first k, each counted once (a repeated item is not a second find, as in AP and NDCG). */
function hits(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  checkK(k);
  return new Set(ranked.slice(0, k).filter((i) => relevant.has(i))).size;
}

/** Share of the first k recommendations that are relevant: hits / k, in [0, 1]. */
export function precisionAtK(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  return hits(ranked, relevant, k) / k;
}

/** Share of the relevant items found in the first k: hits / |relevant|; NaN if none are relevant. */
export function recallAtK(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  const h = hits(ranked, relevant, k);
  return relevant.size === 0 ? NaN : h / relevant.size;
}

/** 1 when at least one of the first k is relevant, else 0. */
export function hitAtK(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  return hits(ranked, relevant, k) > 0 ? 1 : 0;
}

/**
 * Average precision at k: the mean of precision@i over the ranks i ≤ k that hold a relevant
 * item, divided by min(|relevant|, k) so a perfect list scores 1. NaN if none are relevant.
 * MAP@k is its mean over users.
 */
export function averagePrecisionAtK(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  checkK(k);
  if (relevant.size === 0) return NaN;
  let found = 0,
    sum = 0;
  ranked.slice(0, k).forEach((item, i) => {
    if (relevant.has(item) && ranked.indexOf(item) === i) sum += ++found / (i + 1);
  });
  return sum / Math.min(relevant.size, k);
}

/**
 * Normalised discounted cumulative gain at k: Σ gain(item at rank i) / log2(i + 1) over i ≤ k,
 * divided by the same sum for the best possible order. Gains are linear (scikit-learn's
 * `ndcg_score` convention): 1 for a relevant item of a set, or the given value of a map.
 * NaN when no item has a positive gain.
 */
export function ndcgAtK(ranked: readonly number[], relevant: ReadonlySet<number> | ReadonlyMap<number, number>, k: number): number {
  checkK(k);
  const gain = (item: number): number => (relevant instanceof Map ? (relevant.get(item) ?? 0) : relevant.has(item) ? 1 : 0);
  const ideal = (relevant instanceof Map ? [...relevant.values()] : [...relevant].map(() => 1)).filter((g) => g > 0).sort((a, b) => b - a);
  const dcg = (gains: readonly number[]): number => gains.slice(0, k).reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
  const best = dcg(ideal);
  // An item listed twice earns its gain once: the repeat counts as a miss.
  return best === 0 ? NaN : dcg(ranked.map((item, i) => (ranked.indexOf(item) === i ? gain(item) : 0))) / best;
}

/** Share of the catalogue that appears in at least one list: distinct recommended / catalogue size. */
export function catalogueCoverage(lists: readonly (readonly number[])[], catalogueSize: number): number {
  if (!(catalogueSize > 0)) throw new RangeError(`catalogue size must be > 0, got ${catalogueSize}`);
  return new Set(lists.flat()).size / catalogueSize;
}

/** Mean of the finite values, and how many were skipped as NaN. */
export function meanOverUsers(values: readonly number[]): { mean: number; users: number; skipped: number } {
  const ok = values.filter((v) => !Number.isNaN(v));
  return { mean: ok.length === 0 ? NaN : ok.reduce((s, v) => s + v, 0) / ok.length, users: ok.length, skipped: values.length - ok.length };
}
