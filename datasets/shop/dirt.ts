/**
 * The dirt real event logs carry, planted on purpose and counted. Each dirty row has exactly one
 * fault (a bot never views a deleted item, a duplicated row never has a skewed clock, …), so
 * the counts in DATASHEET.md do not depend on the order a learner cleans in.
 */
import { DAY_MS } from './config';
import type { Rng } from './sampling';
import type { ShopEvent, ShopUser } from './types';

/** Bots crawl this many views each, at most (well over the 100-views-a-day line). */
const BOT_VIEWS = { min: 1500, max: 4000 };
const TEST_NAMES = [
  'test_checkout_01',
  'test_checkout_02',
  'qa_smoke',
  'QA-payments',
  'testuser',
  'qa+load-7',
  'test_mobile',
  'qa_regress',
];
const TEST_DAYS = 60;
const SKEWED_EVENTS = 15;

/** Picks `n` distinct items among those with at least `minEvents` events, for take-down. */
export function chooseDeleted(rng: Rng, events: readonly ShopEvent[], n: number, minEvents = 5): Set<number> {
  const counts = new Map<number, number>();
  for (const e of events) counts.set(e.item_id, (counts.get(e.item_id) ?? 0) + 1);
  const pool = [...counts]
    .filter(([, c]) => c >= minEvents)
    .map(([id]) => id)
    .sort((a, b) => a - b);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(n, pool.length)) chosen.add(pool[Math.floor(rng() * pool.length)] as number);
  return chosen;
}

/** A crawler: views item after item in id order, 1–3 s apart, starting some day of the year. */
export function botEvents(rng: Rng, user: ShopUser, itemIds: readonly number[], from: number, to: number): ShopEvent[] {
  const views = BOT_VIEWS.min + Math.floor(rng() * (BOT_VIEWS.max - BOT_VIEWS.min));
  let t = from + Math.floor(rng() * (to - from - DAY_MS));
  let k = Math.floor(rng() * itemIds.length);
  const out: ShopEvent[] = [];
  for (let v = 0; v < views && t < to; v++) {
    out.push({ user_id: user.user_id, item_id: itemIds[k++ % itemIds.length] as number, event: 'view', ts: t });
    t += 1000 + Math.floor(rng() * 2000);
  }
  return out;
}

/** A QA account's nightly checkout smoke test: view, cart and buy one of a few fixed items. */
export function testAccountEvents(rng: Rng, user: ShopUser, itemIds: readonly number[], from: number, to: number): ShopEvent[] {
  const fixed = [0, 1, 2].map(() => itemIds[Math.floor(rng() * itemIds.length)] as number);
  const first = from + Math.floor(rng() * ((to - from) / DAY_MS - TEST_DAYS)) * DAY_MS;
  const out: ShopEvent[] = [];
  for (let d = 0; d < TEST_DAYS; d++) {
    const t = first + d * DAY_MS + 3 * 3_600_000 + Math.floor(rng() * 60_000);
    const item = fixed[d % fixed.length] as number;
    out.push(
      { user_id: user.user_id, item_id: item, event: 'view', ts: t },
      { user_id: user.user_id, item_id: item, event: 'cart', ts: t + 5000 },
      { user_id: user.user_id, item_id: item, event: 'purchase', ts: t + 12_000 },
    );
  }
  return out;
}

export function testUsername(i: number): string {
  return TEST_NAMES[i % TEST_NAMES.length] + (i >= TEST_NAMES.length ? `_${i}` : '');
}

/**
 * Device clocks gone wrong: for each chosen user, a run of up to SKEWED_EVENTS consecutive
 * events gets a timestamp outside the log window — reset to 1970 (same time of day, days since
 * the log start kept) or a year ahead. Mutates `events`; returns the indexes changed.
 */
export function skewClocks(
  rng: Rng,
  events: ShopEvent[],
  users: readonly number[],
  eligible: (e: ShopEvent) => boolean,
  from: number,
): { changed: Set<number>; before: number; after: number } {
  const changed = new Set<number>();
  let before = 0,
    after = 0;
  const chosen = new Map<number, number[]>(users.map((u) => [u, []]));
  events.forEach((e, i) => {
    if (eligible(e)) chosen.get(e.user_id)?.push(i);
  });
  for (const mine of chosen.values()) {
    const startAt = Math.floor(rng() * Math.max(1, mine.length - SKEWED_EVENTS));
    const reset = rng() < 0.5;
    for (const i of mine.slice(startAt, startAt + SKEWED_EVENTS)) {
      const e = events[i] as ShopEvent;
      e.ts = reset ? e.ts - from : e.ts + 365 * DAY_MS;
      changed.add(i);
      if (reset) before++;
      else after++;
    }
  }
  return { changed, before, after };
}

/** Retries: each eligible event is sent twice with probability `share`; the copy follows it. */
export function duplicate(
  rng: Rng,
  events: readonly ShopEvent[],
  share: number,
  eligible: (e: ShopEvent, i: number) => boolean,
): { events: ShopEvent[]; copies: number } {
  const out: ShopEvent[] = [];
  let copies = 0;
  events.forEach((e, i) => {
    out.push(e);
    if (eligible(e, i) && rng() < share) {
      out.push({ ...e });
      copies++;
    }
  });
  return { events: out, copies };
}
