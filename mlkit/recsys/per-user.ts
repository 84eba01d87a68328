/**
 * Ranking metrics kept per user instead of averaged: what a bootstrap over users resamples.
 * Same users, relevant sets and exclusions as `evaluateRecommender`, so the means agree with it.
 */
import { relevantSets } from './evaluate';
import { ndcgAtK, recallAtK } from './metrics';
import type { Recommender } from './types';

export interface PerUserScores {
  k: number;
  /** Users scored (with at least one new relevant item), ascending; the same order in every array. */
  users: number[];
  recall: Float64Array;
  ndcg: Float64Array;
}

/**
 * @param test interactions of the test window.
 * @param history per user, every item touched before the test window (excluded from lists).
 */
export function perUserScores(
  model: Recommender,
  test: readonly { user: number; item: number }[],
  history: ReadonlyMap<number, ReadonlySet<number>>,
  k = 10,
): PerUserScores {
  const relevant = relevantSets(test, history);
  const users = [...relevant.keys()].sort((a, b) => a - b);
  const recall = new Float64Array(users.length),
    ndcg = new Float64Array(users.length);
  users.forEach((u, i) => {
    const list = model.recommend(u, k, { exclude: history.get(u) as ReadonlySet<number> | undefined });
    const rel = relevant.get(u) as Set<number>;
    recall[i] = recallAtK(list, rel, k);
    ndcg[i] = ndcgAtK(list, rel, k);
  });
  return { k, users, recall, ndcg };
}
