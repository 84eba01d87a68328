/**
 * Item–item collaborative filtering as a plain JSON model, so it can be saved, sent and served:
 * each item's nearest items by cosine similarity of their user sets (lesson 11, "Item–item
 * collaborative filtering"), each user's history, and the popularity ranking that fills a short
 * list and answers users the model has never seen.
 */
import type { LogEvent } from '../../../mlkit/recsys/types';
// BEGIN SOLUTION hint: mlkit's ItemKnnRecommender.fit(toInteractions(train), { neighbours }).toJSON() holds cosine neighbours, histories and the popularity ranking by item index
import { toInteractions } from '../../../mlkit/recsys/interactions';
import { ItemKnnRecommender } from '../../../mlkit/recsys/item-knn';
// END SOLUTION

export interface ItemItemModel {
  kind: 'item-item';
  /** neighbours[item]: [neighbour item, cosine similarity] pairs, most similar first (ids, not indexes). */
  neighbours: Record<string, [number, number][]>;
  /** history[user]: the items the user touched in training, ascending. */
  history: Record<string, number[]>;
  /** Every trained item, most users first; equal counts by lower id. */
  popular: number[];
}

/** One user's answer: the items, best first, and whether popularity answered for an unknown user. */
export interface Recommendation {
  items: number[];
  fallback: 'popularity' | null;
}

/** How many neighbours each item keeps: bounds the model's size. */
export const NEIGHBOURS = 20;

/**
 * @param train the training events (any type counts once: an item is in a user's history or not)
 * @param keep neighbours kept per item
 */
export function fitItemItem(train: readonly LogEvent[], keep = NEIGHBOURS): ItemItemModel {
  // BEGIN SOLUTION hint: cosine(i, j) = users of both / √(users of i · users of j); keep each item's `keep` most similar; popular = items by distinct users
  const knn = ItemKnnRecommender.fit(toInteractions(train), { neighbours: keep }).toJSON();
  const id = (j: number): number => knn.items[j] as number;
  const neighbours: Record<string, [number, number][]> = {};
  knn.neighbours.forEach((row, j) => {
    neighbours[String(id(j))] = row.map(([i, s]): [number, number] => [id(i), s]);
  });
  const history: Record<string, number[]> = {};
  for (const [user, rows] of Object.entries(knn.history)) history[user] = rows.map(id);
  return { kind: 'item-item', neighbours, history, popular: knn.fallback.items };
  // END SOLUTION
}

/**
 * @param user a user id; a user with no history in the model gets the most popular items
 * @param k how many items, at most
 * @param exclude more items to leave out (the evaluation passes everything the user touched before the test month)
 * @returns items by score(i) = Σ over j in the user's history of sim(j, i), highest first, equal scores by
 *   lower id; never an item of the history or of `exclude`; popular items fill the rest of the k slots
 */
export function recommendItemItem(model: ItemItemModel, user: number, k: number, exclude: readonly number[] = []): Recommendation {
  // BEGIN SOLUTION hint: sum neighbours[j] over the history into a Map; drop seen and excluded items; sort by score descending, then id ascending; fill from popular (skipping everything taken); fallback when the user has no history
  const history = model.history[String(user)] ?? [];
  const seen = new Set([...history, ...exclude]);
  const score = new Map<number, number>();
  for (const j of history) {
    for (const [i, s] of model.neighbours[String(j)] ?? []) {
      if (!seen.has(i)) score.set(i, (score.get(i) ?? 0) + s);
    }
  }
  const ranked = [...score]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, k)
    .map(([i]) => i);
  const taken = new Set([...seen, ...ranked]);
  const fill = model.popular.filter((i) => !taken.has(i)).slice(0, k - ranked.length);
  return { items: [...ranked, ...fill], fallback: history.length > 0 ? null : 'popularity' };
  // END SOLUTION
}
