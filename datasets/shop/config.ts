/** Sizes and knobs of the shop simulator; DATASHEET.md describes the defaults. */

export const DAY_MS = 86_400_000;

export interface DirtConfig {
  /** Crawlers logged in as ordinary-looking users: thousands of views, nothing bought. */
  bots: number;
  /** QA accounts (usernames starting `test` or `qa`) running a daily checkout smoke test. */
  testAccounts: number;
  /** Items taken down before the export: gone from `items`, their events still in `events`. */
  deletedItems: number;
  /** Users whose device clock jumps out of the log window for a stretch of their events. */
  skewedClockUsers: number;
  /** Share of ordinary events the client sent twice (an identical second row). */
  duplicateShare: number;
}

export interface ShopConfig {
  seed: number;
  /** Ordinary customers (bots and test accounts come on top). */
  users: number;
  /** Calendar year the event log covers, UTC. */
  year: number;
  /** Mean sessions per active customer per month, before the per-user activity factor. */
  sessionsPerMonth: number;
  /** Taste clusters items are assigned to (the low-rank part of taste). */
  clusters: number;
  /** Dimension of the drifting user taste vector. */
  latentDim: number;
  dirt: DirtConfig;
}

export const DEFAULT_SHOP_CONFIG: ShopConfig = {
  seed: 2010,
  users: 2000,
  year: 2010,
  sessionsPerMonth: 1.8,
  clusters: 24,
  latentDim: 4,
  dirt: { bots: 4, testAccounts: 6, deletedItems: 25, skewedClockUsers: 12, duplicateShare: 0.012 },
};

/** `[from, to)` of the log, epoch ms UTC. */
export function logWindow(config: ShopConfig): { from: number; to: number } {
  return { from: Date.UTC(config.year, 0, 1), to: Date.UTC(config.year + 1, 0, 1) };
}

/** The simulator works in half-month periods: 24 per year, tastes and popularity fixed within one. */
export const PERIODS = 24;

/** Start of half-month period `p` (0…24), epoch ms UTC; period 24 is the end of the year. */
export function periodStart(config: ShopConfig, p: number): number {
  return Date.UTC(config.year, Math.floor(p / 2), p % 2 === 0 ? 1 : 16);
}
