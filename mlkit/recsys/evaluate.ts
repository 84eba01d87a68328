/**
 * Scoring a recommender on a test window: for each user active in the test window, the relevant
 * items are those they touched in it and never before (re-watching is not a discovery); the
 * recommendation excludes everything they touched before.
 */
import { averagePrecisionAtK, catalogueCoverage, hitAtK, meanOverUsers, ndcgAtK, precisionAtK, recallAtK } from './metrics';
import type { Recommender } from './types';

export interface RankingReport {
  k: number;
  /** Users scored (with at least one new relevant item). */
  users: number;
  precision: number;
  recall: number;
  map: number;
  ndcg: number;
  hit_rate: number;
  coverage: number;
}

/** Per user, the items they touched in `test` that are not in `history`. */
export function relevantSets(
  test: readonly { user: number; item: number }[],
  history: ReadonlyMap<number, ReadonlySet<number>>,
): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const { user, item } of test) {
    if (history.get(user)?.has(item)) continue;
    let s = out.get(user);
    if (!s) out.set(user, (s = new Set()));
    s.add(item);
  }
  return out;
}

/**
 * @param history per user, every item touched before the test window (excluded from lists).
 * @param catalogueSize items on sale, the denominator of coverage.
 */
export function evaluateRecommender(
  model: Recommender,
  test: readonly { user: number; item: number }[],
  history: ReadonlyMap<number, ReadonlySet<number>>,
  options: { k?: number; catalogueSize: number },
): RankingReport {
  const k = options.k ?? 10;
  const relevant = relevantSets(test, history);
  const users = [...relevant.keys()].sort((a, b) => a - b);
  const lists = users.map((u) => model.recommend(u, k, { exclude: history.get(u) as ReadonlySet<number> | undefined }));
  const mean = (f: (ranked: number[], rel: Set<number>) => number): number =>
    meanOverUsers(lists.map((l, i) => f(l, relevant.get(users[i]) as Set<number>))).mean;
  return {
    k,
    users: users.length,
    precision: mean((l, r) => precisionAtK(l, r, k)),
    recall: mean((l, r) => recallAtK(l, r, k)),
    map: mean((l, r) => averagePrecisionAtK(l, r, k)),
    ndcg: mean((l, r) => ndcgAtK(l, r, k)),
    hit_rate: mean((l, r) => hitAtK(l, r, k)),
    coverage: catalogueCoverage(lists, options.catalogueSize),
  };
}
