/**
 * The two ranking metrics of lesson 11 for one user: the model's list against the items the user
 * went on to touch. The lesson wrote them by hand; the toolkit's (`mlkit/recsys/metrics.ts`)
 * follow the same conventions, so either is a fine answer here.
 */
// BEGIN SOLUTION hint: mlkit/recsys/metrics.ts has recallAtK and ndcgAtK over a Set of relevant items
import { ndcgAtK as toolkitNdcg, recallAtK as toolkitRecall } from '../../../mlkit/recsys/metrics';
// END SOLUTION

/**
 * recall@k = |distinct relevant items in the first k| / |relevant|.
 * @param ranked item ids, best first (may be shorter than k, may repeat an item: a repeat is no second find)
 * @param relevant the items the user went on to touch (a repeat counts once)
 * @param k cut-off, a positive integer
 * @returns in [0, 1]; NaN when nothing is relevant (the mean over users skips them)
 */
export function recallAtK(ranked: readonly number[], relevant: readonly number[], k: number): number {
  // BEGIN SOLUTION hint: divide by the number of distinct relevant items, not by k; NaN when there are none
  return toolkitRecall(ranked, new Set(relevant), k);
  // END SOLUTION
}

/**
 * NDCG@k with gain 1 per relevant item: Σ 1 / log2(r + 1) over the ranks r = 1…k holding a relevant
 * item not listed earlier, divided by the same sum for min(k, |relevant|) hits at ranks 1, 2, ….
 * Same parameters as {@link recallAtK}.
 * @returns in [0, 1]; NaN when nothing is relevant
 */
export function ndcgAtK(ranked: readonly number[], relevant: readonly number[], k: number): number {
  // BEGIN SOLUTION hint: a hit at rank r (1-based) earns 1 / Math.log2(r + 1); the ideal list has min(k, relevant) hits at the top
  return toolkitNdcg(ranked, new Set(relevant), k);
  // END SOLUTION
}
