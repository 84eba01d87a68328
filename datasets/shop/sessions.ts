/**
 * One customer's year of sessions: views drawn from their taste-weighted block table (staying in
 * the same block with some probability, as people browse similar titles), some views put in the
 * cart, some carts bought at the end of the session.
 */
import { PERIODS, type ShopConfig, logWindow, periodStart } from './config';
import { blockTable, type Customer } from './population';
import { type Rng, pick, poisson } from './sampling';
import type { EventType, ShopEvent } from './types';
import type { World } from './world';

const EXTRA_VIEWS_MEAN = 3;
const STAY_IN_BLOCK = 0.7;
const CART_PROBABILITY = 0.1;
const PURCHASE_PROBABILITY = 0.55;
/** Seconds between two actions: at least MIN_GAP_S, plus an exponential with mean MEAN_GAP_S. */
const MIN_GAP_S = 15;
const MEAN_GAP_S = 60;

function gap(rng: Rng): number {
  return Math.floor(1000 * (MIN_GAP_S - MEAN_GAP_S * Math.log(1 - rng())));
}

function pickItem(rng: Rng, world: World, p: number, block: number): number {
  const list = world.blockItems[block] as number[];
  const index = list[pick(rng, (world.within[p] as Float64Array[])[block] as Float64Array)] as number;
  return (world.items[index] as World['items'][number]).item_id;
}

function session(rng: Rng, world: World, p: number, table: Float64Array, start: number, user: number): ShopEvent[] {
  const out: ShopEvent[] = [];
  const push = (item: number, event: EventType, ts: number): void => {
    out.push({ user_id: user, item_id: item, event, ts });
  };
  const carted: number[] = [];
  let t = start,
    block = pick(rng, table);
  const views = 1 + poisson(rng, EXTRA_VIEWS_MEAN);
  for (let v = 0; v < views; v++) {
    if (v > 0 && rng() > STAY_IN_BLOCK) block = pick(rng, table);
    const item = pickItem(rng, world, p, block);
    push(item, 'view', t);
    t += gap(rng);
    if (rng() < CART_PROBABILITY) {
      push(item, 'cart', t);
      carted.push(item);
      t += gap(rng);
    }
  }
  for (const item of carted) {
    if (rng() < PURCHASE_PROBABILITY) {
      push(item, 'purchase', t);
      t += gap(rng);
    }
  }
  return out;
}

/** Every event of one customer over the year, in time order, all inside the log window. */
export function customerEvents(world: World, customer: Customer, config: ShopConfig, rng: Rng): ShopEvent[] {
  const { to } = logWindow(config);
  const out: ShopEvent[] = [];
  for (let p = 0; p < PERIODS; p++) {
    const start = Math.max(periodStart(config, p), customer.signup);
    const end = Math.min(periodStart(config, p + 1), customer.leaves);
    if (end <= start) continue;
    const share = (end - start) / (periodStart(config, p + 1) - periodStart(config, p));
    const sessions = poisson(rng, (customer.activity / 2) * share);
    if (sessions === 0) continue;
    const table = blockTable(world, customer.taste, p);
    const starts = Array.from({ length: sessions }, () => start + Math.floor(rng() * (end - start))).sort((a, b) => a - b);
    for (const s of starts) out.push(...session(rng, world, p, table, s, customer.user_id));
  }
  return out.filter((e) => e.ts < to).sort((a, b) => a.ts - b.ts);
}
