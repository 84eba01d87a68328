/**
 * One full-size shop for every recsys test in a mocha run: simulated and written once (a few
 * seconds) to a temporary folder, removed when the process exits.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildShop, SHOP_FILE } from '../../datasets/shop/build-shop';
import { cleanEventLog, type CleaningReport } from './clean-log';
import { openShop, readEvents, readItems, readUsers } from './extract';
import type { LogEvent } from './types';

export interface TestShop {
  file: string;
  window: { from: number; to: number };
  itemIds: Set<number>;
  /** Cleaned events, in log order. */
  events: LogEvent[];
  report: CleaningReport;
}

let cached: TestShop | undefined;

export function testShop(): TestShop {
  if (cached) return cached;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recsys-shop-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const { summary } = buildShop(dir);
  const file = path.join(dir, SHOP_FILE);
  const db = openShop(file);
  try {
    const window = { from: Date.parse(summary.window.from), to: Date.parse(summary.window.to) };
    const itemIds = new Set(readItems(db).map((i) => i.item_id));
    const cleaned = cleanEventLog(readEvents(db), readUsers(db), itemIds, window);
    cached = { file, window, itemIds, events: cleaned.events, report: cleaned.report };
    return cached;
  } finally {
    db.close();
  }
}

/** Epoch ms of the first of `month` (0 = January) in the shop's year. */
export function monthStart(shop: TestShop, month: number): number {
  const y = new Date(shop.window.from).getUTCFullYear();
  return Date.UTC(y, month, 1);
}
