/**
 * `npm run bench -- recsys`: the capstone's recommenders on the simulated shop.
 * 1. Quality: popularity, item–item, ALS and the independent Python item-kNN peer
 *    (bench/peer-recs), trained on January–May and scored on June, recall@10 and NDCG@10 with
 *    95 % bootstrap intervals over users; ALS's gain over popularity (bar ≥ 20 %) and over the peer.
 *    Also training time (a cold first fit, then the median of 3) and recommend time per user.
 * 2. Decay: six test months, the May model never retrained vs the monthly retrain job's model.
 * 3. Speed: one month's training in the job (bar ≤ 30 s) and the job end to end (bar ≤ 60 s).
 * Writes bench/results/recsys.json; bench/results/recsys.md records a run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildShop, SHOP_FILE } from '../datasets/shop/build-shop';
import { DEFAULT_BUILD_DIR } from '../datasets/files';
import {
  AlsRecommender,
  ItemKnnRecommender,
  PopularityRecommender,
  type Recommender,
  inWindow,
  seenItems,
  toInteractions,
} from '../mlkit/recsys';
import { addMonths, parseMonth } from '../mlkit/recsys/month';
import { perUserScores } from '../mlkit/recsys/per-user';
import { monthData } from '../mlkit/recsys/retrain-data';
import { retrainMonth } from '../mlkit/recsys/retrain';
import { readShopLog } from '../mlkit/recsys/shop-log';
import { type Interval, meanInterval, pairedGain } from '../mlkit/recsys/user-bootstrap';
import { exportSplit, peerRecsPython, runPeer } from './peer-recs/peer';

const REPEATS = 3;
const WINDOW = { from: Date.UTC(2010, 0, 1), to: Date.UTC(2011, 0, 1) };
const FIRST_JOB_MONTH = parseMonth('2010-05');
const DECAY_MONTHS = 6;

function shopFile(): string {
  const built = path.join(DEFAULT_BUILD_DIR, SHOP_FILE);
  if (fs.existsSync(built)) return built;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-shop-'));
  buildShop(dir);
  return path.join(dir, SHOP_FILE);
}

const seconds = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;
const ci = (i: Interval): string => `${i.estimate.toFixed(4)} [${i.low.toFixed(4)}, ${i.high.toFixed(4)}]`;
const load = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

interface Row {
  name: string;
  fit_first?: number;
  fit_median: number;
  recommend_ms?: number;
  users: number[];
  recall: ArrayLike<number>;
  ndcg: ArrayLike<number>;
}

function timedFit(fit: () => Recommender): { model: Recommender; first: number; median: number } {
  const times: number[] = [];
  let model: Recommender | undefined;
  for (let i = 0; i <= REPEATS; i++) {
    const t0 = process.hrtime.bigint();
    model = fit();
    times.push(seconds(t0));
  }
  return {
    model: model as Recommender,
    first: times[0] as number,
    median: times.slice(1).sort((a, b) => a - b)[Math.floor(REPEATS / 2)] as number,
  };
}

function quality(log: ReturnType<typeof readShopLog>): Row[] {
  const train = toInteractions(inWindow(log.events, WINDOW.from, Date.UTC(2010, 5, 1)));
  const june = toInteractions(inWindow(log.events, Date.UTC(2010, 5, 1), Date.UTC(2010, 6, 1)));
  const history = seenItems(train);
  const fits: [string, () => Recommender][] = [
    ['popularity', () => PopularityRecommender.fit(train)],
    ['item–item (toolkit)', () => ItemKnnRecommender.fit(train)],
    ['ALS (toolkit)', () => AlsRecommender.fit(train)],
  ];
  const rows: Row[] = fits.map(([name, fit]) => {
    const { model, first, median } = timedFit(fit);
    const t0 = process.hrtime.bigint();
    const s = perUserScores(model, june, history);
    return { name, fit_first: first, fit_median: median, recommend_ms: (seconds(t0) * 1000) / s.users.length, ...s };
  });
  const python = peerRecsPython();
  if ('error' in python) {
    console.log(`peer did not run: ${python.error}`);
    return rows;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-peer-recs-'));
  try {
    exportSplit(dir, train, june);
    const peer = runPeer(python.python, dir);
    if (JSON.stringify(peer.users) !== JSON.stringify(rows[0]?.users)) throw new Error('the peer scored other users than the toolkit');
    rows.push({ name: 'item-kNN (Python peer)', fit_median: peer.fit_seconds, users: peer.users, recall: peer.recall, ndcg: peer.ndcg });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function printQuality(rows: Row[]): Record<string, unknown> {
  const cell = (v: number | undefined, d: number): string => (v === undefined ? 'n/a' : v.toFixed(d));
  console.log(`\ntrained on January–May 2010, scored on June (${rows[0]?.users.length} users with a new item); 95 % bootstrap over users`);
  console.log(
    `${'model'.padEnd(24)} ${'fit s (1st)'.padStart(11)} ${'fit s (med)'.padStart(11)} ${'rec ms/user'.padStart(11)}  ${'recall@10'.padEnd(25)} NDCG@10`,
  );
  const out: Record<string, unknown> = {};
  for (const r of rows) {
    const recall = meanInterval(r.recall),
      ndcg = meanInterval(r.ndcg);
    out[r.name] = {
      fit_seconds_first: r.fit_first,
      fit_seconds: r.fit_median,
      recommend_ms_per_user: r.recommend_ms,
      recall_at_10: recall,
      ndcg_at_10: ndcg,
    };
    console.log(
      `${r.name.padEnd(24)} ${cell(r.fit_first, 2).padStart(11)} ${cell(r.fit_median, 2).padStart(11)} ${cell(r.recommend_ms, 3).padStart(11)}  ${ci(recall).padEnd(25)} ${ci(ndcg)}`,
    );
  }
  const [pop, , als, peer] = rows as [Row, Row, Row, Row | undefined];
  const mean = (v: ArrayLike<number>): number => Array.from(v).reduce((s, x) => s + x, 0) / v.length;
  const relative = mean(als.recall) / mean(pop.recall) - 1;
  const overPop = pairedGain(pop.recall, als.recall);
  console.log(
    `ALS over popularity: recall@10 +${(100 * relative).toFixed(0)} % (paired gain ${ci(overPop)}); bar ≥ 20 %: ${relative >= 0.2 ? 'met' : 'missed'}`,
  );
  const overPeer = peer ? pairedGain(peer.recall, als.recall) : undefined;
  if (overPeer)
    console.log(`ALS vs the Python peer: recall@10 gain ${ci(overPeer)}; at least the peer's: ${overPeer.estimate >= 0 ? 'yes' : 'no'}`);
  return { models: out, als_over_popularity: { relative, paired_gain: overPop, bar: 0.2 }, als_over_peer: overPeer };
}

function decay(log: ReturnType<typeof readShopLog>): { rows: Record<string, unknown>[]; maxTrain: number; modelsDir: string } {
  const modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-recs-models-'));
  const rows: Record<string, unknown>[] = [];
  let frozen: Recommender | undefined;
  let maxTrain = 0;
  console.log(`\ndecay: the May model never retrained vs the monthly job (ALS, through the gate); recall@10 on each test month`);
  console.log(
    `${'test month'.padEnd(11)} ${'never retrained'.padStart(16)} ${'retrained'.padStart(10)}  ${'serving'.padEnd(10)} decision  train s`,
  );
  for (let i = 0; i < DECAY_MONTHS; i++) {
    const month = addMonths(FIRST_JOB_MONTH, i);
    const r = retrainMonth({ log, month, modelsDir });
    frozen ??= AlsRecommender.fit(monthData(log, FIRST_JOB_MONTH).train);
    const data = monthData(log, month);
    const never = meanInterval(perUserScores(frozen, data.test, data.history).recall).estimate;
    const served = r.decision === 'refused' ? (r.verdict?.current.recall.estimate as number) : r.candidate.recall.estimate;
    maxTrain = Math.max(maxTrain, r.seconds.train);
    rows.push({
      test_month: r.test_month,
      never_retrained: never,
      retrained: served,
      serving: r.serving,
      decision: r.decision,
      train_seconds: r.seconds.train,
    });
    console.log(
      `${r.test_month.padEnd(11)} ${never.toFixed(4).padStart(16)} ${served.toFixed(4).padStart(10)}  ${r.serving.padEnd(10)} ${r.decision.padEnd(9)} ${r.seconds.train.toFixed(2)}`,
    );
  }
  return { rows, maxTrain, modelsDir };
}

/** The job as cron runs it: a fresh process, reading the log, training, gating, promoting. */
function endToEnd(modelsDir: string, file: string): number {
  const month = addMonths(FIRST_JOB_MONTH, DECAY_MONTHS).label;
  const t0 = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [
      require.resolve('tsx/cli'),
      path.join(__dirname, '..', 'scripts', 'recs-retrain.ts'),
      '--month',
      month,
      '--models-dir',
      modelsDir,
      '--log',
      file,
    ],
    {
      encoding: 'utf8',
    },
  );
  const s = seconds(t0);
  if (run.status !== 0) throw new Error(`recs:retrain --month ${month} failed: ${run.stderr.trim()}`);
  return s;
}

function main(): void {
  const loadBefore = load();
  console.log(`load average (1, 5, 15 min) at start: ${loadBefore} on ${os.cpus().length} cores`);
  const file = shopFile();
  const log = readShopLog(file, WINDOW, { file: 'datasets/build/shop/shop.sqlite', sha256: 'bench' });
  const q = printQuality(quality(log));
  const d = decay(log);
  const job = endToEnd(d.modelsDir, file);
  fs.rmSync(d.modelsDir, { recursive: true, force: true });
  console.log(
    `\none month's training in the job (slowest of the ${DECAY_MONTHS}): ${d.maxTrain.toFixed(2)} s; bar ≤ 30 s: ${d.maxTrain <= 30 ? 'met' : 'missed'}`,
  );
  console.log(
    `the job end to end (npm run recs:retrain, one month, new process): ${job.toFixed(1)} s; bar ≤ 60 s: ${job <= 60 ? 'met' : 'missed'}`,
  );
  const loadAfter = load();
  console.log(`load average at end: ${loadAfter}`);
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(__dirname, 'results', 'recsys.json'),
    `${JSON.stringify({ date: new Date().toISOString(), load: { start: loadBefore, end: loadAfter, cores: os.cpus().length }, ...q, decay: d.rows, job: { train_seconds_max: d.maxTrain, end_to_end_seconds: job } }, null, 1)}\n`,
  );
}

main();
