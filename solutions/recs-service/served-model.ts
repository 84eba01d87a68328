/**
 * A recommender artifact made ready to serve: every known user's top `MAX_K` list with scores,
 * computed once when the version loads, so a request only slices a list. The model changes only
 * when a new version is swapped in, and the toolkit's `recommend` costs a full pass over the
 * catalogue per user, which would dominate a request.
 */
import { AlsRecommender, PopularityRecommender, type Recommender } from '../../mlkit/recsys';
import { MAX_K } from '../lab-06-recommend-products/src/query';

/** Largest `k` a request may ask for (lab 06's route's limit); every precomputed list holds this many items (or all there are). */
export { MAX_K };

export interface ScoredItem {
  item: number;
  /** Title from the artifact's catalogue; null when the catalogue has none. */
  title: string | null;
  score: number;
}

/** One user's answer: the model's list, or popularity's when the model does not know the user. */
export interface Ranked {
  items: ScoredItem[];
  fallback: 'popularity' | null;
}

interface RankedList {
  items: Int32Array;
  scores: Float64Array;
}

/** What the service reads from an artifact's JSON: the pieces each served kind shares. */
interface Parts {
  /** Per known user, the item ids they interacted with in training (what answers leave out). */
  history: Map<number, number[]>;
  popularity: PopularityRecommender;
  /** Score of `items` (ids) for a known user, same order. */
  score: (user: number, items: readonly number[]) => number[];
}

function alsParts(model: AlsRecommender): Parts {
  const json = model.toJSON();
  const index = new Map(json.items.map((id, j) => [id, j]));
  const history = new Map(Object.entries(json.history).map(([u, rows]) => [Number(u), rows.map((j) => json.items[j] as number)]));
  return {
    history,
    popularity: PopularityRecommender.fromJSON(json.fallback),
    score: (user, items) => {
      const all = model.scores(user);
      return items.map((id) => all?.[index.get(id) ?? -1] ?? Number.NaN);
    },
  };
}

function popularityParts(model: PopularityRecommender): Parts {
  const json = model.toJSON();
  const share = popularityShare(model);
  return {
    history: new Map(Object.entries(json.seen).map(([u, items]) => [Number(u), items])),
    popularity: model,
    score: (_user, items) => items.map((id) => share.get(id) ?? 0),
  };
}

/** Popularity's score: the share of training users who interacted with the item, in [0, 1]. */
function popularityShare(model: PopularityRecommender): Map<number, number> {
  const users = Object.keys(model.toJSON().seen).length || 1;
  return new Map(model.ranking().map((r) => [r.item, r.users / users]));
}

function partsOf(model: Recommender): Parts {
  if (model instanceof AlsRecommender) return alsParts(model);
  if (model instanceof PopularityRecommender) return popularityParts(model);
  throw new TypeError(`the recommendation service serves "als" and "popularity" models (they score every item), not "${model.kind}"`);
}

export class ServedRecommender {
  private readonly lists = new Map<number, RankedList>();
  private readonly popular: RankedList;
  private readonly history: Map<number, number[]>;

  /**
   * @param model a fitted `als` or `popularity` recommender
   * @param catalogue item id → title (`metadata.catalogue`); items missing from it get null
   */
  constructor(
    readonly model: Recommender,
    private readonly catalogue: Readonly<Record<string, string | null>> = {},
  ) {
    const parts = partsOf(model);
    this.history = parts.history;
    for (const user of parts.history.keys()) {
      const items = model.recommend(user, MAX_K);
      this.lists.set(user, { items: Int32Array.from(items), scores: Float64Array.from(parts.score(user, items)) });
    }
    const share = popularityShare(parts.popularity);
    const top = parts.popularity.recommend(Number.NaN, MAX_K);
    this.popular = { items: Int32Array.from(top), scores: Float64Array.from(top, (id) => share.get(id) ?? 0) };
  }

  /** Users the model was trained on (the others get the popularity fallback). */
  get knownUsers(): number {
    return this.lists.size;
  }

  /** The user's best `k` items, their history left out; unknown users get the most popular items. */
  recommend(user: number, k: number): Ranked {
    const list = this.lists.get(user);
    const chosen = list ?? this.popular;
    const n = Math.min(k, chosen.items.length);
    const items: ScoredItem[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const item = chosen.items[i] as number;
      items[i] = { item, title: this.title(item), score: chosen.scores[i] as number };
    }
    return { items, fallback: list ? null : 'popularity' };
  }

  /** Item ids the user interacted with in the training window, ascending; empty for unknown users. */
  historyOf(user: number): number[] {
    return [...(this.history.get(user) ?? [])].sort((a, b) => a - b);
  }

  title(item: number): string | null {
    return this.catalogue[String(item)] ?? null;
  }
}
