/**
 * From a list of interactions to the sparse user × item matrix every model starts from:
 * dense indexes for users and items, and per user the items (sorted) with summed weights.
 */
import type { EventType, Interaction, LogEvent } from './types';

/** Default strength of each event: buying says more than looking. */
export const DEFAULT_EVENT_WEIGHTS: Readonly<Record<EventType, number>> = { view: 1, cart: 3, purchase: 5 };

/** One interaction per event, weighted by event type. */
export function toInteractions(
  events: readonly LogEvent[],
  weights: Readonly<Record<EventType, number>> = DEFAULT_EVENT_WEIGHTS,
): Interaction[] {
  return events.map((e) => ({ user: e.user_id, item: e.item_id, weight: weights[e.event] }));
}

export interface UserItemMatrix {
  /** Ids in index order (sorted ascending). */
  users: number[];
  items: number[];
  userIndex: Map<number, number>;
  itemIndex: Map<number, number>;
  /** rows[u]: item indexes of user u, ascending; weights[u]: their summed weights. */
  rows: Int32Array[];
  weights: Float64Array[];
}

function indexOf(ids: Iterable<number>): { list: number[]; index: Map<number, number> } {
  const list = [...new Set(ids)].sort((a, b) => a - b);
  return { list, index: new Map(list.map((id, i) => [id, i])) };
}

/**
 * Builds the matrix, summing repeated (user, item) pairs.
 * @throws RangeError on a non-integer id or a negative or non-finite weight.
 */
export function buildMatrix(interactions: readonly Interaction[]): UserItemMatrix {
  for (const [i, x] of interactions.entries()) {
    if (!Number.isInteger(x.user) || !Number.isInteger(x.item))
      throw new RangeError(`interaction ${i}: user and item must be integer ids, got ${x.user}, ${x.item}`);
    const w = x.weight ?? 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`interaction ${i}: weight must be a finite number ≥ 0, got ${w}`);
  }
  const users = indexOf(interactions.map((x) => x.user)),
    items = indexOf(interactions.map((x) => x.item));
  const maps = users.list.map(() => new Map<number, number>());
  for (const x of interactions) {
    const m = maps[users.index.get(x.user) as number] as Map<number, number>;
    const j = items.index.get(x.item) as number;
    m.set(j, (m.get(j) ?? 0) + (x.weight ?? 1));
  }
  const rows = maps.map((m) => Int32Array.from([...m.keys()].sort((a, b) => a - b)));
  const weights = rows.map((r, u) => Float64Array.from(r, (j) => (maps[u] as Map<number, number>).get(j) as number));
  return { users: users.list, items: items.list, userIndex: users.index, itemIndex: items.index, rows, weights };
}

/** Item ids each user interacted with: what `excludeSeen` leaves out. */
export function seenItems(interactions: readonly Interaction[]): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const x of interactions) {
    let s = out.get(x.user);
    if (!s) out.set(x.user, (s = new Set()));
    s.add(x.item);
  }
  return out;
}
