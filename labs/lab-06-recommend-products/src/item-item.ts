/**
 * Item–item collaborative filtering as a plain JSON model, so it can be saved, sent and served:
 * each item's nearest items by cosine similarity of their user sets (lesson 11, "Item–item
 * collaborative filtering"), each user's history, and the popularity ranking that fills a short
 * list and answers users the model has never seen.
 */
import type { LogEvent } from '../../../mlkit/recsys/types';
// TODO(lab-06-recommend-products): mlkit's ItemKnnRecommender.fit(toInteractions(train), { neighbours }).toJSON() holds cosine neighbours, histories and the popularity ranking by item index

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
  void [train, keep]; // your inputs
  throw new Error("lab-06-recommend-products: not implemented — cosine(i, j) = users of both / √(users of i · users of j); keep each item's `keep` most similar; popular = items by distinct users");
}

/**
 * @param user a user id; a user with no history in the model gets the most popular items
 * @param k how many items, at most
 * @param exclude more items to leave out (the evaluation passes everything the user touched before the test month)
 * @returns items by score(i) = Σ over j in the user's history of sim(j, i), highest first, equal scores by
 *   lower id; never an item of the history or of `exclude`; popular items fill the rest of the k slots
 */
export function recommendItemItem(model: ItemItemModel, user: number, k: number, exclude: readonly number[] = []): Recommendation {
  void [model, user, k, exclude]; // your inputs
  throw new Error("lab-06-recommend-products: not implemented — sum neighbours[j] over the history into a Map; drop seen and excluded items; sort by score descending, then id ascending; fill from popular (skipping everything taken); fallback when the user has no history");
}
