/**
 * The cleaned event log a retrain reads: every event of the shop database up to a time, cleaned
 * with `cleanEventLog` (test accounts, bots, deleted items, wrong clocks, duplicates removed).
 */
import { cleanEventLog, type CleaningReport } from './clean-log';
import { openShop, readEvents, readItems, readUsers } from './extract';
import type { LogEvent } from './types';

export interface ShopLog {
  /** Cleaned events, in log order. */
  events: LogEvent[];
  /** `[from, to)` the log covers, epoch ms. */
  window: { from: number; to: number };
  /** Items on sale (the catalogue), the denominator of coverage. */
  itemIds: Set<number>;
  /** Item titles by id, for the artifact's catalogue (what the service's page shows). */
  titles?: Map<number, string | null>;
  /** Where the events came from, recorded in every artifact trained on them. */
  source: { file: string; sha256: string };
  report?: CleaningReport;
}

/**
 * Reads and cleans the events of `file` stamped before `until` (epoch ms).
 * @param window `[from, to)` of the whole log (the datasheet's), for the clock check.
 * @param source how artifacts name the file (a path relative to the repository) and its digest.
 */
export function readShopLog(
  file: string,
  window: { from: number; to: number },
  source: { file: string; sha256: string },
  until: number = window.to,
): ShopLog {
  const db = openShop(file);
  try {
    const items = readItems(db);
    const itemIds = new Set(items.map((i) => i.item_id));
    const to = Math.min(until, window.to);
    const cleaned = cleanEventLog(readEvents(db, { to }), readUsers(db), itemIds, { from: window.from, to });
    return {
      events: cleaned.events,
      window,
      itemIds,
      titles: new Map(items.map((i) => [i.item_id, i.title])),
      source,
      report: cleaned.report,
    };
  } finally {
    db.close();
  }
}
