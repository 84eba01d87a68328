/** Shapes shared by the recommendation toolkit. */

export type EventType = 'view' | 'cart' | 'purchase';

export const EVENT_TYPES: readonly EventType[] = ['view', 'cart', 'purchase'];

/** One row of an event log (`events` in the shop database). */
export interface LogEvent {
  user_id: number;
  item_id: number;
  event: EventType;
  /** Epoch milliseconds, UTC. */
  ts: number;
}

/** One user–item signal a model learns from; several for the same pair are summed. */
export interface Interaction {
  user: number;
  item: number;
  /** Strength of the signal (e.g. view 1, purchase 5); 1 when absent. */
  weight?: number;
}

export interface RecommendOptions {
  /** Leave out items the user interacted with in the training data (default true). */
  excludeSeen?: boolean;
  /** More items to leave out, e.g. everything the user saw before the test month. */
  exclude?: ReadonlySet<number>;
}

/** What every model offers: fit once, then a ranked list of item ids per user. */
export interface Recommender {
  readonly kind: string;
  /**
   * @param user user id.
   * @param k how many items, at most.
   * @returns item ids, best first; shorter than k only when fewer candidates remain.
   */
  recommend(user: number, k: number, options?: RecommendOptions): number[];
  /** A plain JSON object `fromJSON` of the same kind turns back into an equal model. */
  toJSON(): { readonly kind: string };
}
