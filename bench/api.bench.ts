/**
 * HTTP throughput and latency of POST /predict: the reference service against the peer stack
 * (scikit-learn + FastAPI/uvicorn), measured by wrk with the same body and load.
 *
 * Ours is the service as the container image runs it: compiled by tsc with the image's build
 * config, started with node and NODE_ENV=production (`npm run serve` runs the same code through
 * tsx, a little slower). Each server runs in its own process on 127.0.0.1; wrk runs in another. Both servers start once
 * and are measured in alternating rounds; the medians are reported, so other work on the machine
 * skews both sides alike. A light-load run (4 connections) shows latency without a queue.
 * A third server, `floor-server.ts` (node:http and the same model, nothing else), is measured in
 * the same rounds: the floor any Node service with this model stands on here.
 * Goal: at least 6× the peer's requests per second and p99 ≤ 10 ms at 32 connections.
 * Results go to bench/results/api.json.
 * The peer is looked up in `../shared/peer` beside the repository (see its README); without it,
 * or without Python's uvicorn, only our service is measured.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { peerPython } from './python';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { createServer } from 'node:net';

const ROOT = path.resolve(__dirname, '..');
const PEER_DIR = path.resolve(ROOT, '..', 'shared', 'peer');
const LOAD = { threads: 2, connections: 32, lightConnections: 4, seconds: 10, warmupSeconds: 3, rounds: 3 };
const GOALS = { minRatio: 6, maxP99Ms: 10 };
/** The peer's post.lua, for runs without the peer. */
const FALLBACK_LUA = `wrk.method = "POST"
wrk.body   = '{"text": "Subject: FREE money now!!! Click here to claim your prize, limited offer, act now and win cash"}'
wrk.headers["Content-Type"] = "application/json"
`;

interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200, at most `seconds` (one try every 250 ms). */
async function waitFor(url: string, seconds: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before ${url} answered`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${seconds} s`);
}

function toMs(value: string, unit: string): number {
  const scale: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
  return Number(value) * (scale[unit] ?? NaN);
}

/** Runs wrk against `url` with the peer's request body; parses req/s and latency percentiles. */
function wrk(url: string, seconds: number, script: string, connections: number): WrkResult {
  const args = [
    `-t${connections < LOAD.connections ? 1 : LOAD.threads}`,
    `-c${connections}`,
    `-d${seconds}s`,
    '--latency',
    '-s',
    script,
    url,
  ];
  const run = spawnSync('wrk', args, { encoding: 'utf8', timeout: (seconds + 30) * 1000 });
  if (run.status !== 0) throw new Error(`wrk failed: ${run.error?.message ?? run.stderr}`);
  const out = run.stdout;
  const percentile = (p: string): number => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    if (!m) throw new Error(`no ${p}% line in wrk output:\n${out}`);
    return toMs(m[1], m[2]);
  };
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  if (!rps) throw new Error(`no Requests/sec in wrk output:\n${out}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  return { requestsPerSecond: Number(rps[1]), p50Ms: percentile('50'), p99Ms: percentile('99'), non2xx: non2xx ? Number(non2xx[1]) : 0 };
}

/** Runs wrk once at `connections`; prints and returns the result. */
function measure(name: string, url: string, script: string, connections = LOAD.connections): WrkResult {
  const result = wrk(url, LOAD.seconds, script, connections);
  if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} responses were not 2xx`);
  console.log(
    `${name.padEnd(40)} c=${String(connections).padEnd(3)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${result.p50Ms.toFixed(2).padStart(7)} ms   p99 ${result.p99Ms.toFixed(2).padStart(7)} ms`,
  );
  return result;
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

interface Server {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Waits until the server `child` started on `port` answers 200 on `readyPath` (at most
 * `seconds`), then warms it up with wrk so JIT and caches are warm before any measurement.
 * Stops the child if either fails.
 */
async function warmedUp(child: ChildProcess, port: number, readyPath: string, seconds: number, script: string): Promise<Server> {
  try {
    await waitFor(`http://127.0.0.1:${port}${readyPath}`, seconds, child);
    const url = `http://127.0.0.1:${port}/predict`;
    wrk(url, LOAD.warmupSeconds, script, LOAD.connections);
    return { url, stop: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

/** Where the service is compiled for the benchmark (inside the repository, so packages resolve). */
const BUILD_DIR = path.join(ROOT, '.work', 'bench-build');

/** Compiles the service with the container image's build config; returns its entry point. */
function buildService(): string {
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'deploy', 'tsconfig.build.json'), '--outDir', BUILD_DIR],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (tsc.status !== 0) throw new Error(`compiling the service failed:\n${tsc.stdout}${tsc.stderr}`);
  return path.join(BUILD_DIR, 'solutions', 'service', 'main.js');
}

/** Starts the compiled reference service with extra environment, warmed up. */
async function startOurs(entry: string, env: Record<string, string>, dir: string, script: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      PREDICTION_LOG: path.join(dir, `${port}.sqlite`),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return warmedUp(child, port, '/health/ready', 60, script);
}

/** Starts `floor-server.ts` (node:http + the same model, nothing else), warmed up. */
async function startFloor(script: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, 'floor-server.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return warmedUp(child, port, '/health/ready', 60, script);
}

/** Starts the peer (FastAPI + scikit-learn under uvicorn), warmed up, or says why it cannot. */
async function startPeer(script: string): Promise<Server | undefined> {
  const data = path.join(ROOT, 'node_modules', '@stdlib', 'datasets-spam-assassin', 'data');
  if (!existsSync(path.join(PEER_DIR, 'fastapi_app.py'))) {
    console.log(`peer skipped: no peer stack at ../shared/peer beside the repository`);
    return undefined;
  }
  const found = peerPython(['uvicorn', 'fastapi', 'sklearn']);
  if ('error' in found) {
    console.log(`peer skipped: ${found.error}`);
    return undefined;
  }
  const python = found.python;
  const port = await freePort();
  const child = spawn(
    python,
    ['-m', 'uvicorn', '--app-dir', PEER_DIR, 'fastapi_app:app', '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warning'],
    {
      env: { ...process.env, SPAM_DATA: data },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return warmedUp(child, port, '/health', 300, script); // the peer trains its model at start-up
}

/** Service switches measured one at a time: what each costs is its gap to the default run. */
const VARIANTS: { name: string; env: Record<string, string> }[] = [
  { name: 'ours, request logging off', env: { LOG_LEVEL: 'silent' } },
  { name: 'ours, prediction log in memory', env: { PREDICTION_LOG: ':memory:' } },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The round with the median req/s (its latencies belong to the same run). */
function medianRun(runs: WrkResult[]): WrkResult {
  const m = median(runs.map((r) => r.requestsPerSecond));
  return runs.reduce((best, r) => (Math.abs(r.requestsPerSecond - m) < Math.abs(best.requestsPerSecond - m) ? r : best));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'api-bench-'));
  // The peer's request body when the peer is there, so both servers get the same request.
  const peerScript = path.join(PEER_DIR, 'post.lua');
  const lua = existsSync(peerScript) ? peerScript : path.join(dir, 'post.lua');
  if (lua !== peerScript) writeFileSync(lua, FALLBACK_LUA);
  const loadAtStart = Number(loadavg()[0].toFixed(2));
  console.log(
    `wrk: ${LOAD.threads} threads, ${LOAD.connections} connections, ${LOAD.seconds} s per run after a ${LOAD.warmupSeconds} s warm-up, ${LOAD.rounds} rounds alternating ours and the peer; ${cpus().length} CPUs shared by servers and wrk; load average ${loadAtStart}`,
  );
  const servers: Server[] = [];
  try {
    const entry = buildService();
    const ours = await startOurs(entry, {}, dir, lua);
    servers.push(ours);
    const peer = await startPeer(lua);
    if (peer) servers.push(peer);
    const floor = await startFloor(lua);
    servers.push(floor);
    // Rounds alternate, so a burst of other work on the machine hits both servers alike.
    const oursRuns: WrkResult[] = [];
    const peerRuns: WrkResult[] = [];
    const floorRuns: WrkResult[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < LOAD.rounds; round++) {
      const o = measure(`ours (reference service), round ${round + 1}`, ours.url, lua);
      oursRuns.push(o);
      if (peer) {
        const p = measure(`peer (FastAPI + scikit-learn), round ${round + 1}`, peer.url, lua);
        peerRuns.push(p);
        ratios.push(o.requestsPerSecond / p.requestsPerSecond);
      }
      floorRuns.push(measure(`floor (node:http + model only), round ${round + 1}`, floor.url, lua));
    }
    // Latency when the server is not saturated: at c=32 a queue forms and, by Little's law,
    // mean latency = connections / throughput, whatever the per-request cost.
    const light = {
      ours: measure('ours, light load', ours.url, lua, LOAD.lightConnections),
      peer: peer ? measure('peer, light load', peer.url, lua, LOAD.lightConnections) : null,
    };
    for (const s of servers.splice(0)) await s.stop();
    const variants: Record<string, WrkResult> = {};
    for (const v of VARIANTS) {
      const server = await startOurs(entry, v.env, dir, lua);
      try {
        variants[v.name] = measure(v.name, server.url, lua);
      } finally {
        await server.stop();
      }
    }
    const oursMedian = medianRun(oursRuns);
    const floorMedian = medianRun(floorRuns);
    const peerMedian = peerRuns.length ? medianRun(peerRuns) : undefined;
    const ratio = ratios.length ? median(ratios) : undefined;
    if (ratio !== undefined)
      console.log(
        `ratio ours/peer (median of ${ratios.length} rounds): ${ratio.toFixed(1)}× (rounds: ${ratios.map((r) => r.toFixed(1)).join(', ')}; goal ≥ ${GOALS.minRatio}×)`,
      );
    const queueBoundMs = (LOAD.connections / oursMedian.requestsPerSecond) * 1000;
    console.log(
      `p99 at c=${LOAD.connections}: ${oursMedian.p99Ms.toFixed(2)} ms (goal ≤ ${GOALS.maxP99Ms} ms; the queue alone makes the mean ${queueBoundMs.toFixed(1)} ms at this throughput; the floor server's p99 ${floorMedian.p99Ms.toFixed(2)} ms); p99 at c=${LOAD.lightConnections}: ${light.ours.p99Ms.toFixed(2)} ms`,
    );
    const results = {
      date: new Date().toISOString(),
      load: LOAD,
      cpus: cpus().length,
      // Other work on the machine skews every number; this says how busy it was at the start.
      loadAverage1m: loadAtStart,
      node: process.version,
      ours: oursMedian,
      peer: peerMedian ?? null,
      // node:http + the same model and nothing else: what HTTP itself costs on this machine.
      floor: floorMedian,
      rounds: { ours: oursRuns, peer: peerRuns, floor: floorRuns, ratios },
      ratio: ratio ?? null,
      lightLoad: light,
      variants,
      goals: { ...GOALS, ratioMet: ratio === undefined ? null : ratio >= GOALS.minRatio, p99Met: oursMedian.p99Ms <= GOALS.maxP99Ms },
    };
    mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    writeFileSync(path.join(__dirname, 'results', 'api.json'), JSON.stringify(results, null, 2) + '\n');
  } finally {
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
