/** Rows of the shop's event log (`datasets/build/shop/shop.sqlite`), as the simulator makes them. */

export type EventType = 'view' | 'cart' | 'purchase';

export const EVENT_TYPES: readonly EventType[] = ['view', 'cart', 'purchase'];

/** One row of `events`. */
export interface ShopEvent {
  user_id: number;
  item_id: number;
  event: EventType;
  /** Epoch milliseconds, UTC, as the client reported it. */
  ts: number;
}

/** One row of `users`. */
export interface ShopUser {
  user_id: number;
  username: string;
  /** Epoch milliseconds, UTC. */
  signup_ts: number;
}

/** One row of `items`. */
export interface ShopItem {
  item_id: number;
  title: string | null;
  genre: string | null;
  /** Release date, `YYYY-MM-DD`. */
  released: string;
  /** When the shop started selling it, epoch ms UTC. */
  added_ts: number;
  imdb_votes: number | null;
}

/** What the simulator planted, per kind of dirt; DATASHEET.md states the same numbers. */
export interface DirtCounts {
  test_accounts: { users: number; events: number };
  bots: { users: number; events: number };
  deleted_items: { items: number; events: number };
  skewed_clocks: { users: number; events: number; before_window: number; after_window: number };
  duplicates: { events: number };
}

/** What reading the catalogue repaired (see DATASHEET.md, "How the catalogue is read"). */
export interface CatalogueSummary {
  source: string;
  rows: number;
  missing_genre: number;
  missing_votes: number;
  missing_title: number;
  numeric_title: number;
  release_year_corrected: number;
}

/** `manifest.shop`. */
export interface ShopSummary {
  source: string;
  seed: number;
  /** `[from, to)` of the log as ISO 8601 UTC. */
  window: { from: string; to: string };
  rows: { users: number; items: number; events: number };
  /** SHA-256 of the rows in rowid order (see `canonicalDigest`): what two builds must share. */
  canonical_sha256: string;
  catalogue: CatalogueSummary;
  dirt: DirtCounts;
}
