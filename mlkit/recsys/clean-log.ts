/** All of step 2 in one call, with a report shaped like the datasheet's dirt table. */
import { dropDuplicates, dropOutsideWindow, dropUnknownItems, dropUsers, findBots, testAccounts } from './clean';
import type { LogEvent } from './types';

export interface CleaningReport {
  test_accounts: { users: number; events: number };
  bots: { users: number; events: number };
  deleted_items: { events: number };
  skewed_clocks: { events: number; before_window: number; after_window: number };
  duplicates: { events: number };
  kept: number;
}

/**
 * Removes test accounts, bots, events of deleted items, out-of-window timestamps and exact
 * duplicates, in that order (on the shop data each dirty row has one fault, so the order does
 * not change the counts).
 * @param window `[from, to)` of the log, epoch ms.
 */
export function cleanEventLog(
  events: readonly LogEvent[],
  users: readonly { user_id: number; username: string }[],
  itemIds: ReadonlySet<number>,
  window: { from: number; to: number },
  options: { maxViewsPerDay?: number } = {},
): { events: LogEvent[]; report: CleaningReport } {
  const testers = testAccounts(users);
  const a = dropUsers(events, testers);
  const bots = findBots(a.kept, options.maxViewsPerDay);
  const b = dropUsers(a.kept, bots);
  const c = dropUnknownItems(b.kept, itemIds);
  const d = dropOutsideWindow(c.kept, window.from, window.to);
  const e = dropDuplicates(d.kept);
  return {
    events: e.kept,
    report: {
      test_accounts: { users: testers.size, events: a.removed },
      bots: { users: bots.size, events: b.removed },
      deleted_items: { events: c.removed },
      skewed_clocks: { events: d.removed, before_window: d.before, after_window: d.after },
      duplicates: { events: e.removed },
      kept: e.kept.length,
    },
  };
}
