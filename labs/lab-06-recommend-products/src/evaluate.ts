/**
 * Scoring a model on a split, user by user: what the retrain gate resamples. Given: nothing to
 * write here. Every test user with a new item is scored; their list leaves out everything they
 * touched before the test month (an older model does not know the newer history).
 */
import { type ItemItemModel, recommendItemItem } from './item-item';
import { recallAtK } from './metrics';
import type { MonthSplit } from './split';

export interface UserScores {
  /** The users scored, ascending: the keys of `split.relevant`. */
  users: number[];
  /** recall@k of each user, same order. */
  recall: number[];
}

/** Per user of `split.relevant`, the recall@k of the model's list. */
export function userScores(split: MonthSplit, model: ItemItemModel, k: number): UserScores {
  const before = new Map<number, number[]>();
  for (const e of split.train) {
    const items = before.get(e.user_id) ?? [];
    items.push(e.item_id);
    before.set(e.user_id, items);
  }
  const users = Object.keys(split.relevant)
    .map(Number)
    .sort((a, b) => a - b);
  const recall = users.map((u) => {
    const list = recommendItemItem(model, u, k, before.get(u) ?? []).items;
    return recallAtK(list, split.relevant[String(u)] ?? [], k);
  });
  return { users, recall };
}
