/**
 * Item–item collaborative filtering: two items are similar when the same users touch both
 * (cosine of their binary user columns). A user's score for an item is the summed similarity to
 * the items in their history; slots left over are filled from popularity.
 */
import { buildMatrix, type UserItemMatrix } from './interactions';
import { type PopularityJSON, PopularityRecommender } from './popularity';
import { topK } from './topk';
import type { Interaction, RecommendOptions, Recommender } from './types';

export interface ItemKnnOptions {
  /** Neighbours kept per item (default 50): bounds memory and recommend time. */
  neighbours?: number;
  /** Shrinkage added to the cosine denominator (default 0): damps similarities built on few users. */
  shrink?: number;
}

export interface ItemKnnJSON {
  kind: 'item-knn';
  options: Required<ItemKnnOptions>;
  items: number[];
  /** neighbours[j]: [neighbour index, similarity] pairs, most similar first. */
  neighbours: [number, number][][];
  history: Record<string, number[]>;
  fallback: PopularityJSON;
}

/** Cosine similarities of item `j` to every item sharing a user with it, via `scratch`. */
function similarities(
  m: UserItemMatrix,
  byItem: number[][],
  norms: Float64Array,
  j: number,
  scratch: Float64Array,
  shrink: number,
): number[] {
  const touched: number[] = [];
  for (const u of byItem[j] as number[]) {
    for (const i of m.rows[u] as Int32Array) {
      if (i === j) continue;
      if (scratch[i] === 0) touched.push(i);
      scratch[i]++;
    }
  }
  for (const i of touched) scratch[i] = scratch[i] / (norms[i] * norms[j] + shrink);
  return touched;
}

export class ItemKnnRecommender implements Recommender {
  readonly kind = 'item-knn';

  private constructor(
    private readonly options: Required<ItemKnnOptions>,
    private readonly items: number[],
    private readonly neighbours: [number, number][][],
    private readonly history: Map<number, Int32Array>,
    private readonly fallback: PopularityRecommender,
  ) {}

  /** @param interactions weights are ignored: an item is in a user's history or not. */
  static fit(interactions: readonly Interaction[], options: ItemKnnOptions = {}): ItemKnnRecommender {
    const opts = { neighbours: options.neighbours ?? 50, shrink: options.shrink ?? 0 };
    const m = buildMatrix(interactions);
    const byItem: number[][] = m.items.map(() => []);
    m.rows.forEach((row, u) => row.forEach((j) => byItem[j]?.push(u)));
    const norms = Float64Array.from(byItem, (users) => Math.sqrt(users.length));
    const scratch = new Float64Array(m.items.length);
    const neighbours = m.items.map((_, j) => {
      const touched = similarities(m, byItem, norms, j, scratch, opts.shrink);
      const sims = new Float64Array(m.items.length).fill(-Infinity);
      for (const i of touched) {
        sims[i] = scratch[i];
        scratch[i] = 0;
      }
      return topK(sims, opts.neighbours).map((i): [number, number] => [i, sims[i]]);
    });
    const history = new Map(m.users.map((u, i) => [u, m.rows[i] as Int32Array]));
    return new ItemKnnRecommender(opts, m.items, neighbours, history, PopularityRecommender.fit(interactions));
  }

  /** Items most similar to the user's history; popular items fill the rest. */
  recommend(user: number, k: number, options: RecommendOptions = {}): number[] {
    const history = this.history.get(user) ?? new Int32Array(0);
    const scores = new Float64Array(this.items.length).fill(-Infinity);
    for (const j of history) {
      for (const [i, s] of this.neighbours[j] as [number, number][]) scores[i] = (scores[i] === -Infinity ? 0 : scores[i]) + s;
    }
    const seen = options.excludeSeen === false ? new Set<number>() : new Set(history);
    const chosen = topK(scores, k, (i) => seen.has(i) || (options.exclude?.has(this.items[i]) ?? false)).map((i) => this.items[i]);
    if (chosen.length >= k) return chosen;
    const taken = new Set([...chosen, ...(options.exclude ?? [])]);
    const fill = this.fallback.recommend(user, k, { excludeSeen: options.excludeSeen, exclude: taken });
    return [...chosen, ...fill].slice(0, k);
  }

  toJSON(): ItemKnnJSON {
    const history: Record<string, number[]> = {};
    for (const [u, row] of this.history) history[String(u)] = Array.from(row);
    return {
      kind: 'item-knn',
      options: this.options,
      items: this.items,
      neighbours: this.neighbours,
      history,
      fallback: this.fallback.toJSON(),
    };
  }

  static fromJSON(json: ItemKnnJSON): ItemKnnRecommender {
    if (json?.kind !== 'item-knn' || !Array.isArray(json.items) || !Array.isArray(json.neighbours))
      throw new TypeError('not an item-knn model: expected { kind: "item-knn", items, neighbours, history, fallback }');
    const history = new Map(Object.entries(json.history).map(([u, row]) => [Number(u), Int32Array.from(row)]));
    return new ItemKnnRecommender(json.options, json.items, json.neighbours, history, PopularityRecommender.fromJSON(json.fallback));
  }
}
