/**
 * The shop simulator: a real catalogue, simulated customers with drifting tastes, a year of
 * sessions, then the dirt. Same catalogue + config → the same rows in the same order.
 */
import type { CatalogueItem } from './catalogue';
import { DAY_MS, DEFAULT_SHOP_CONFIG, type ShopConfig, logWindow } from './config';
import { botEvents, chooseDeleted, duplicate, skewClocks, testAccountEvents, testUsername } from './dirt';
import { buildPopulation, type Customer } from './population';
import { mulberry32, type Rng } from './sampling';
import { customerEvents } from './sessions';
import type { DirtCounts, ShopEvent, ShopItem, ShopUser } from './types';
import { buildWorld, type World } from './world';
import { shuffle } from '../../mlkit/data/random';

export interface Shop {
  config: ShopConfig;
  window: { from: number; to: number };
  /** Rows of the three tables, in the order they are written. */
  users: ShopUser[];
  items: ShopItem[];
  events: ShopEvent[];
  dirt: DirtCounts;
}

function byTime(a: ShopEvent, b: ShopEvent): number {
  return a.ts - b.ts || a.user_id - b.user_id;
}

function toItems(world: World, deleted: ReadonlySet<number>): ShopItem[] {
  return world.items
    .filter((it) => !deleted.has(it.item_id))
    .map((it) => ({
      item_id: it.item_id,
      title: it.title,
      genre: it.genre,
      released: new Date(it.released).toISOString().slice(0, 10),
      added_ts: it.added,
      imdb_votes: it.votes,
    }));
}

function dirtyUsers(rng: Rng, config: ShopConfig, from: number, to: number): { bots: ShopUser[]; testers: ShopUser[] } {
  const n = config.users;
  const bots = Array.from({ length: config.dirt.bots }, (_, i) => ({
    user_id: n + i + 1,
    username: `u${Math.floor(rng() * 36 ** 6)
      .toString(36)
      .padStart(6, '0')}`,
    signup_ts: from + Math.floor(rng() * (to - from - 30 * DAY_MS)),
  }));
  const testers = Array.from({ length: config.dirt.testAccounts }, (_, i) => ({
    user_id: n + config.dirt.bots + i + 1,
    username: testUsername(i),
    signup_ts: from - Math.floor(rng() * 400) * DAY_MS,
  }));
  return { bots, testers };
}

function ordinaryEvents(world: World, customers: readonly Customer[], config: ShopConfig, rng: Rng): ShopEvent[] {
  return customers.flatMap((c) => customerEvents(world, c, config, rng)).sort(byTime);
}

/** Ids of customers with at least `min` eligible events, ascending. */
function activeCustomers(events: readonly ShopEvent[], eligible: (e: ShopEvent) => boolean, min: number): number[] {
  const n = new Map<number, number>();
  for (const e of events) if (eligible(e)) n.set(e.user_id, (n.get(e.user_id) ?? 0) + 1);
  return [...n]
    .filter(([, c]) => c >= min)
    .map(([u]) => u)
    .sort((a, b) => a - b);
}

/** Gives every user a new id from a seeded permutation, so dirty accounts are not the last ids. */
function renumber(rng: Rng, users: ShopUser[], events: ShopEvent[]): void {
  const ids = shuffle(
    users.map((u) => u.user_id),
    Math.floor(rng() * 2 ** 32),
  );
  const map = new Map(users.map((u, i) => [u.user_id, ids[i] as number]));
  for (const u of users) u.user_id = map.get(u.user_id) as number;
  for (const e of events) e.user_id = map.get(e.user_id) as number;
  users.sort((a, b) => a.user_id - b.user_id);
}

/**
 * Runs the whole simulation.
 * @param catalogue items from {@link readCatalogue} (or a smaller list, in tests).
 * @returns the three tables plus what dirt was planted.
 */
export function simulateShop(catalogue: readonly CatalogueItem[], config: ShopConfig = DEFAULT_SHOP_CONFIG): Shop {
  const rng = mulberry32(config.seed);
  const { from, to } = logWindow(config);
  const world = buildWorld(catalogue, config, rng);
  const customers = buildPopulation(world, config, rng);
  let events = ordinaryEvents(world, customers, config, rng);
  const deleted = chooseDeleted(rng, events, config.dirt.deletedItems);
  const deletedEvents = events.filter((e) => deleted.has(e.item_id)).length;
  const live = world.items.filter((it) => !deleted.has(it.item_id) && it.added < to);
  const { bots, testers } = dirtyUsers(rng, config, from, to);
  const botRows = bots.flatMap((b) =>
    botEvents(
      rng,
      b,
      live.filter((it) => it.added <= b.signup_ts).map((it) => it.item_id),
      b.signup_ts,
      to,
    ),
  );
  const testRows = testers.flatMap((u) =>
    testAccountEvents(
      rng,
      u,
      live.filter((it) => it.added < from).map((it) => it.item_id),
      from,
      to,
    ),
  );
  // Rows sit in arrival order (true time); wrong device clocks change `ts` but not the position.
  events = [...events, ...botRows, ...testRows].sort(byTime);
  const ordinary = (e: ShopEvent): boolean => e.user_id <= config.users && !deleted.has(e.item_id);
  const skewed = shuffle(activeCustomers(events, ordinary, 20), Math.floor(rng() * 2 ** 32)).slice(0, config.dirt.skewedClockUsers);
  const clocks = skewClocks(rng, events, skewed, ordinary, from);
  const dup = duplicate(rng, events, config.dirt.duplicateShare, (e, i) => ordinary(e) && !clocks.changed.has(i));
  events = dup.events;
  const users = [...customers.map((c) => ({ user_id: c.user_id, username: c.username, signup_ts: c.signup })), ...bots, ...testers];
  renumber(rng, users, events);
  const dirt: DirtCounts = {
    test_accounts: { users: testers.length, events: testRows.length },
    bots: { users: bots.length, events: botRows.length },
    deleted_items: { items: deleted.size, events: deletedEvents },
    skewed_clocks: { users: skewed.length, events: clocks.changed.size, before_window: clocks.before, after_window: clocks.after },
    duplicates: { events: dup.copies },
  };
  return { config, window: { from, to }, users, items: toItems(world, deleted), events, dirt };
}
