/**
 * `npm run recs:train`: the recommender the service ships, trained on the shop's event log.
 * Implicit ALS (the best of the toolkit's models in bench/results/recsys.md), fitted on the
 * cleaned events of January–May 2010 and scored on June, saved as `models/recs/2010.5.0/`.
 * Deterministic: fixed seed, fixed window, and `created_at` set to the end of the training
 * window rather than the clock, so two runs write the same bytes.
 */
import * as path from 'node:path';
import { canonicalDigest } from '../../datasets/shop/database';
import { SHOP_FILE } from '../../datasets/shop/build-shop';
import { DEFAULT_BUILD_DIR } from '../../datasets/files';
import {
  AlsRecommender,
  cleanEventLog,
  evaluateRecommender,
  inWindow,
  type ItemRow,
  openShop,
  readEvents,
  readItems,
  readUsers,
  type RecommenderExtras,
  saveRecommender,
  seenItems,
  toInteractions,
} from '../../mlkit/recsys';
import { repoRoot } from '../../server-template/src/config';
import { versionForMonth } from './versions';

export const RECS_MODEL_NAME = 'recs';

export interface TrainWindow {
  /** First month trained on and the month after the last one (`[from, to)`), epoch ms UTC. */
  from: number;
  to: number;
}

/** January–May 2010: five months of training, June left as the test month. */
export const SHIPPED_WINDOW: TrainWindow = { from: Date.UTC(2010, 0, 1), to: Date.UTC(2010, 5, 1) };

/** Titles of the items a model can answer with, keyed by item id (what the page shows). */
export function catalogueOf(items: readonly ItemRow[], ids: Iterable<number>): Record<string, string | null> {
  const titles = new Map(items.map((i) => [i.item_id, i.title]));
  const out: Record<string, string | null> = {};
  for (const id of [...ids].sort((a, b) => a - b)) out[String(id)] = titles.get(id) ?? null;
  return out;
}

/** A fitted model and the metadata `saveRecommender` stores beside it. */
export interface TrainedRecs {
  version: string;
  model: AlsRecommender;
  extras: RecommenderExtras;
}

/**
 * Fits ALS on the cleaned events of `window` and scores it on the month after.
 * @param shopFile the shop's SQLite log (`npm run datasets` writes it).
 */
export function trainRecs(shopFile: string, window: TrainWindow = SHIPPED_WINDOW): TrainedRecs {
  const db = openShop(shopFile);
  let items: ItemRow[];
  let events: ReturnType<typeof readEvents>;
  try {
    items = readItems(db);
    const itemIds = new Set(items.map((i) => i.item_id));
    const year = new Date(window.from).getUTCFullYear();
    const logWindow = { from: Date.UTC(year, 0, 1), to: Date.UTC(year + 1, 0, 1) };
    events = cleanEventLog(readEvents(db), readUsers(db), itemIds, logWindow).events;
  } finally {
    db.close();
  }
  const testTo = new Date(window.to);
  testTo.setUTCMonth(testTo.getUTCMonth() + 1);
  const train = toInteractions(inWindow(events, window.from, window.to));
  const test = toInteractions(inWindow(events, window.to, testTo.getTime()));
  const model = AlsRecommender.fit(train);
  const json = model.toJSON();
  const extras: RecommenderExtras = {
    created_at: new Date(window.to).toISOString(),
    training_data: {
      file: path.relative(repoRoot(), shopFile).split(path.sep).join('/'),
      sha256: canonicalDigest(shopFile).sha256,
      window: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() },
      events: train.length,
      users: json.users.length,
      items: json.items.length,
    },
    metrics: { test: evaluateRecommender(model, test, seenItems(train), { k: 10, catalogueSize: items.length }) },
    catalogue: catalogueOf(items, json.items),
  };
  return { version: versionForMonth(window.to - 1), model, extras };
}

function main(): void {
  const shopFile = path.join(DEFAULT_BUILD_DIR, SHOP_FILE);
  const modelsDir = path.join(repoRoot(), 'models');
  const t0 = Date.now();
  const { version, model, extras } = trainRecs(shopFile);
  const dir = saveRecommender(modelsDir, RECS_MODEL_NAME, version, model, extras);
  const test = extras.metrics['test'];
  console.log(
    `wrote ${path.relative(repoRoot(), dir)} in ${((Date.now() - t0) / 1000).toFixed(1)} s: ` +
      `recall@10 ${test?.recall.toFixed(4)}, NDCG@10 ${test?.ndcg.toFixed(4)} on ${test?.users} users of the next month`,
  );
}

if (require.main === module) main();
