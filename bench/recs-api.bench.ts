/**
 * `npm run bench -- recs-api`: GET /recommendations of the recommendation service beside
 * POST /predict of the spam API, in the same run and under the same load, so the two are
 * compared on the same machine at the same moment.
 *
 * Both services run as `npm run serve` / `npm run serve:recs` do (tsx, request logging on,
 * stdout discarded), each in its own process on 127.0.0.1 with NODE_ENV=production. The client
 * is autocannon in this process: 32 connections, a warm-up, then alternating rounds of a fixed
 * duration and at most `maxRequests` each; medians are reported. Recommendation requests cycle
 * through the committed model's known users and a share of unknown ones (the popularity
 * fallback), k = 10. Goal: at least half the spam API's requests per second.
 * Results go to bench/results/recs-api.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { loadRecommender } from '../mlkit/recsys';
import { freePort, poll } from '../deploy/support/net';

const ROOT = path.resolve(__dirname, '..');
const LOAD = { connections: 32, seconds: 8, warmupSeconds: 3, rounds: 3, maxRequests: 200_000 };
const GOAL = { minRatio: 0.5 };
const SPAM_BODY = '{"text": "Subject: FREE money now!!! Click here to claim your prize, limited offer, act now and win cash"}';
/** One request in this many asks for a user the model has never seen. */
const UNKNOWN_EVERY = 10;

interface Run {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

interface Server {
  url: string;
  child: ChildProcess;
}

async function startServer(entry: string, env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DRAIN_DELAY_MS: '0', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await poll(
    `${entry} ready`,
    async () => {
      if (child.exitCode !== null) throw new Error(`${entry} exited with code ${child.exitCode}`);
      const ok = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1_000) }).then(
        (r) => r.ok,
        () => false,
      );
      return ok || undefined;
    },
    240,
    250,
  );
  return { url, child };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Request paths for GET /recommendations: known users in turn, every UNKNOWN_EVERY-th one unknown. */
function recommendationPaths(): string[] {
  const { model } = loadRecommender(path.join(ROOT, 'models', 'recs', '2010.5.0'));
  const users = Object.keys((model.toJSON() as { history?: Record<string, unknown> }).history ?? {});
  return users.map((u, i) => `/recommendations?user=${i % UNKNOWN_EVERY === 0 ? 900_000 + i : u}&k=10`);
}

async function load(options: autocannon.Options, seconds: number): Promise<Run> {
  const r = await autocannon({ ...options, connections: LOAD.connections, duration: seconds, maxOverallRequests: LOAD.maxRequests });
  return {
    requestsPerSecond: r.requests.total / (r.duration || seconds),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/** The round with the median req/s (its latencies belong to the same run). */
function medianRun(runs: Run[]): Run {
  const m = median(runs.map((r) => r.requestsPerSecond));
  return runs.find((r) => r.requestsPerSecond === m) as Run;
}

function show(name: string, r: Run): void {
  console.log(
    `${name.padEnd(34)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50Ms.toFixed(2).padStart(6)} ms   p99 ${r.p99Ms.toFixed(2).padStart(6)} ms   ${r.non2xx} non-2xx, ${r.errors} errors`,
  );
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers and ${r.errors} errors`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'recs-api-bench-'));
  const servers: Server[] = [];
  const loadAtStart = Number(loadavg()[0].toFixed(2));
  console.log(
    `autocannon: ${LOAD.connections} connections, ${LOAD.seconds} s (at most ${LOAD.maxRequests} requests) per run after a ${LOAD.warmupSeconds} s warm-up, ${LOAD.rounds} rounds alternating; ${cpus().length} CPUs; load average ${loadAtStart}`,
  );
  try {
    const spam = await startServer('solutions/service/main.ts', { PREDICTION_LOG: path.join(dir, 'predictions.sqlite') });
    servers.push(spam);
    const recs = await startServer('solutions/recs-service/main.ts', {});
    servers.push(recs);
    const paths = recommendationPaths();
    let next = 0;
    const predict: autocannon.Options = {
      url: `${spam.url}/predict`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: SPAM_BODY,
    };
    const recommend: autocannon.Options = {
      url: recs.url,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => {
            next = (next + 1) % paths.length;
            return { ...req, path: paths[next] as string };
          },
        },
      ],
    };
    await load(predict, LOAD.warmupSeconds);
    await load(recommend, LOAD.warmupSeconds);
    const spamRuns: Run[] = [];
    const recsRuns: Run[] = [];
    const ratios: number[] = [];
    for (let round = 1; round <= LOAD.rounds; round++) {
      const s = await load(predict, LOAD.seconds);
      show(`spam POST /predict, round ${round}`, s);
      const r = await load(recommend, LOAD.seconds);
      show(`recs GET /recommendations, round ${round}`, r);
      spamRuns.push(s);
      recsRuns.push(r);
      ratios.push(r.requestsPerSecond / s.requestsPerSecond);
    }
    const ratio = median(ratios);
    console.log(
      `ratio recs/spam (median of ${LOAD.rounds} rounds): ${ratio.toFixed(2)} (rounds: ${ratios.map((x) => x.toFixed(2)).join(', ')}; goal ≥ ${GOAL.minRatio})`,
    );
    const results = {
      date: new Date().toISOString(),
      load: LOAD,
      cpus: cpus().length,
      loadAverage1m: loadAtStart,
      node: process.version,
      spam: medianRun(spamRuns),
      recs: medianRun(recsRuns),
      rounds: { spam: spamRuns, recs: recsRuns, ratios },
      ratio,
      goal: { ...GOAL, met: ratio >= GOAL.minRatio },
    };
    mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    writeFileSync(path.join(__dirname, 'results', 'recs-api.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    for (const s of servers) await stop(s.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
