/**
 * The baseline every recommender must beat: the same most-popular items for everyone (minus
 * what they have seen). Popularity = number of distinct users who interacted with the item.
 */
import { buildMatrix } from './interactions';
import { topK } from './topk';
import type { Interaction, RecommendOptions, Recommender } from './types';

export interface PopularityJSON {
  kind: 'popularity';
  /** Item ids, most popular first, and their user counts. */
  items: number[];
  counts: number[];
  /** Per user (id), the item ids seen in training. */
  seen: Record<string, number[]>;
}

export class PopularityRecommender implements Recommender {
  readonly kind = 'popularity';

  private constructor(
    private readonly ranked: number[],
    private readonly counts: number[],
    private readonly seen: Map<number, Set<number>>,
  ) {}

  /** Counts distinct users per item; ties broken by lower item id. */
  static fit(interactions: readonly Interaction[]): PopularityRecommender {
    const m = buildMatrix(interactions);
    const users = new Float64Array(m.items.length);
    for (const row of m.rows) for (const j of row) users[j]++;
    const order = topK(users, m.items.length);
    const seen = new Map(m.users.map((u, i) => [u, new Set(Array.from(m.rows[i] as Int32Array, (j) => m.items[j]))]));
    return new PopularityRecommender(
      order.map((j) => m.items[j]),
      order.map((j) => users[j]),
      seen,
    );
  }

  /** Most popular items the user has not seen (unknown users get the plain top k). */
  recommend(user: number, k: number, options: RecommendOptions = {}): number[] {
    const seen = options.excludeSeen === false ? undefined : this.seen.get(user);
    const out: number[] = [];
    for (const item of this.ranked) {
      if (out.length >= k) break;
      if (!seen?.has(item) && !options.exclude?.has(item)) out.push(item);
    }
    return out;
  }

  /** Items and their user counts, most popular first. */
  ranking(): { item: number; users: number }[] {
    return this.ranked.map((item, i) => ({ item, users: this.counts[i] }));
  }

  toJSON(): PopularityJSON {
    const seen: Record<string, number[]> = {};
    for (const [u, s] of this.seen) seen[String(u)] = [...s];
    return { kind: 'popularity', items: this.ranked, counts: this.counts, seen };
  }

  static fromJSON(json: PopularityJSON): PopularityRecommender {
    if (json?.kind !== 'popularity' || !Array.isArray(json.items) || !Array.isArray(json.counts))
      throw new TypeError('not a popularity model: expected { kind: "popularity", items, counts, seen }');
    const seen = new Map(Object.entries(json.seen ?? {}).map(([u, items]) => [Number(u), new Set(items)]));
    return new PopularityRecommender(json.items, json.counts, seen);
  }
}
