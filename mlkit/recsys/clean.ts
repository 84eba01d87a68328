/**
 * Step 2: finding and removing the dirt of a real event log. Each function returns the rows it
 * keeps and a count of what it removed, so a report can be checked against the datasheet.
 * Documented dirt is counted and removed; rows with a broken shape are refused earlier, by
 * `checkEventRow` (see extract.ts).
 */
import type { LogEvent } from './types';

const DAY_MS = 86_400_000;

export interface Removed<T> {
  kept: T[];
  removed: number;
}

/** Accounts whose username marks them as test accounts: starting with `test` or `qa` (any case). */
export const TEST_ACCOUNT = /^(test|qa)/i;

/** User ids of test accounts, by username. */
export function testAccounts(users: readonly { user_id: number; username: string }[], pattern: RegExp = TEST_ACCOUNT): Set<number> {
  return new Set(users.filter((u) => pattern.test(u.username)).map((u) => u.user_id));
}

/**
 * Users who behave like crawlers: more than `maxViewsPerDay` views in one UTC day. People do
 * not look at a hundred titles a day; crawlers look at thousands.
 */
export function findBots(events: readonly LogEvent[], maxViewsPerDay = 100): Set<number> {
  const perDay = new Map<string, number>();
  const bots = new Set<number>();
  for (const e of events) {
    if (e.event !== 'view') continue;
    const key = `${e.user_id}:${Math.floor(e.ts / DAY_MS)}`;
    const n = (perDay.get(key) ?? 0) + 1;
    perDay.set(key, n);
    if (n > maxViewsPerDay) bots.add(e.user_id);
  }
  return bots;
}

/** Drops every event of the given users. */
export function dropUsers(events: readonly LogEvent[], users: ReadonlySet<number>): Removed<LogEvent> {
  const kept = events.filter((e) => !users.has(e.user_id));
  return { kept, removed: events.length - kept.length };
}

/** Drops events whose item is not in the catalogue any more (taken down). */
export function dropUnknownItems(events: readonly LogEvent[], itemIds: ReadonlySet<number>): Removed<LogEvent> {
  const kept = events.filter((e) => itemIds.has(e.item_id));
  return { kept, removed: events.length - kept.length };
}

/**
 * Drops events stamped outside `[from, to)`: device clocks reset to 1970 or running ahead.
 * Skew that stays inside the window cannot be seen from the timestamp alone.
 */
export function dropOutsideWindow(
  events: readonly LogEvent[],
  from: number,
  to: number,
): Removed<LogEvent> & { before: number; after: number } {
  const before = events.filter((e) => e.ts < from).length,
    after = events.filter((e) => e.ts >= to).length;
  return { kept: events.filter((e) => e.ts >= from && e.ts < to), removed: before + after, before, after };
}

/** Drops exact repeats of (user, item, event, ts), keeping the first: a client's retry. */
export function dropDuplicates(events: readonly LogEvent[]): Removed<LogEvent> {
  const seen = new Set<string>();
  const kept = events.filter((e) => {
    const key = `${e.user_id}|${e.item_id}|${e.event}|${e.ts}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { kept, removed: events.length - kept.length };
}
