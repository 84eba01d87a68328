/**
 * The capstone's recommenders on the simulated shop: training time on January–May (median of
 * 3 runs after a cold first one) and recommend latency per user (top 10, mean over every June
 * user), plus recall@10 / NDCG@10 on June. Writes bench/results/recsys.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildShop, SHOP_FILE } from '../datasets/shop/build-shop';
import { DEFAULT_BUILD_DIR } from '../datasets/files';
import {
  AlsRecommender,
  cleanEventLog,
  evaluateRecommender,
  inWindow,
  ItemKnnRecommender,
  openShop,
  PopularityRecommender,
  readEvents,
  readItems,
  readUsers,
  type Recommender,
  seenItems,
  toInteractions,
} from '../mlkit/recsys';

const REPEATS = 3;

function shopFile(): string {
  const built = path.join(DEFAULT_BUILD_DIR, SHOP_FILE);
  if (fs.existsSync(built)) return built;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-shop-'));
  buildShop(dir);
  return path.join(dir, SHOP_FILE);
}

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function main(): void {
  const db = openShop(shopFile());
  const itemIds = new Set(readItems(db).map((i) => i.item_id));
  const { events } = cleanEventLog(readEvents(db), readUsers(db), itemIds, { from: Date.UTC(2010, 0, 1), to: Date.UTC(2011, 0, 1) });
  db.close();
  const train = toInteractions(inWindow(events, Date.UTC(2010, 0, 1), Date.UTC(2010, 5, 1)));
  const june = toInteractions(inWindow(events, Date.UTC(2010, 5, 1), Date.UTC(2010, 6, 1)));
  const history = seenItems(train);
  const users = [...new Set(june.map((x) => x.user))];
  const fits: [string, () => Recommender][] = [
    ['popularity', () => PopularityRecommender.fit(train)],
    ['item-knn', () => ItemKnnRecommender.fit(train)],
    ['als', () => AlsRecommender.fit(train)],
  ];
  const results: Record<string, Record<string, number>> = {};
  console.log(`train: ${train.length} interactions (Jan–May); June: ${users.length} users`);
  console.log(
    `${'model'.padEnd(11)} ${'fit s (1st)'.padStart(11)} ${'fit s (med)'.padStart(11)} ${'rec ms/user'.padStart(12)} ${'recall@10'.padStart(10)} ${'ndcg@10'.padStart(8)}`,
  );
  for (const [name, fitModel] of fits) {
    const times: number[] = [];
    let model: Recommender | undefined;
    for (let i = 0; i <= REPEATS; i++) {
      const t0 = process.hrtime.bigint();
      model = fitModel();
      times.push(seconds(t0));
    }
    const m = model as Recommender;
    const t0 = process.hrtime.bigint();
    for (const u of users) m.recommend(u, 10, { exclude: history.get(u) });
    const recMs = (seconds(t0) * 1000) / users.length;
    const r = evaluateRecommender(m, june, history, { k: 10, catalogueSize: itemIds.size });
    const median = times.slice(1).sort((a, b) => a - b)[Math.floor(REPEATS / 2)] as number;
    results[name] = {
      fit_seconds_first: times[0] as number,
      fit_seconds: median,
      recommend_ms_per_user: recMs,
      recall_at_10: r.recall,
      ndcg_at_10: r.ndcg,
      users: r.users,
    };
    console.log(
      `${name.padEnd(11)} ${(times[0] as number).toFixed(2).padStart(11)} ${median.toFixed(2).padStart(11)} ${recMs.toFixed(3).padStart(12)} ${r.recall.toFixed(4).padStart(10)} ${r.ndcg.toFixed(4).padStart(8)}`,
    );
  }
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(__dirname, 'results', 'recsys.json'),
    `${JSON.stringify({ date: new Date().toISOString(), train_interactions: train.length, results }, null, 1)}\n`,
  );
}

main();
