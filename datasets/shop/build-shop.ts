/**
 * The shop's part of `npm run datasets`: simulate, write `shop/shop.sqlite`, and return its
 * manifest entries (file stats of the SQLite file, plus the canonical digest and dirt counts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileStats } from '../types';
import { readCatalogue } from './catalogue';
import { DEFAULT_SHOP_CONFIG, type ShopConfig } from './config';
import { canonicalDigest, writeShopDatabase } from './database';
import { simulateShop } from './simulate';
import type { ShopSummary } from './types';

export type { ShopSummary };

export const SHOP_FILE = 'shop/shop.sqlite';

/**
 * Simulates the shop with `config` and writes it under `outDir`.
 * @returns the manifest's file entry (rows = events) and the shop summary.
 */
export function buildShop(
  outDir: string,
  log: (line: string) => void = () => {},
  config: ShopConfig = DEFAULT_SHOP_CONFIG,
): { files: Record<string, FileStats>; summary: ShopSummary } {
  const catalogue = readCatalogue();
  const shop = simulateShop(catalogue.items, config);
  const file = path.join(outDir, SHOP_FILE);
  writeShopDatabase(file, shop);
  const digest = canonicalDigest(file);
  const bytes = fs.readFileSync(file);
  const stats: FileStats = {
    rows: digest.rows.events,
    bytes: bytes.length,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
  };
  log(`shop: ${digest.rows.users} users, ${digest.rows.items} items, ${digest.rows.events} events (simulated, seed ${config.seed})`);
  return {
    files: { [SHOP_FILE]: stats },
    summary: {
      source: `simulated; catalogue from ${catalogue.summary.source}`,
      seed: config.seed,
      window: { from: new Date(shop.window.from).toISOString(), to: new Date(shop.window.to).toISOString() },
      rows: digest.rows,
      canonical_sha256: digest.sha256,
      catalogue: catalogue.summary,
      dirt: shop.dirt,
    },
  };
}
