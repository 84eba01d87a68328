/**
 * HTTP throughput and latency of POST /predict: the reference service against the peer stack
 * (scikit-learn + FastAPI/uvicorn), measured by wrk with the same body and load.
 *
 * Each server runs in its own process on 127.0.0.1; wrk runs in another. Goal: at least 6× the
 * peer's requests per second and p99 ≤ 10 ms. Results go to bench/results/api.json.
 * The peer is looked up in `../shared/peer` beside the repository (see its README); without it,
 * or without Python's uvicorn, only our service is measured.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { createServer } from 'node:net';

const ROOT = path.resolve(__dirname, '..');
const PEER_DIR = path.resolve(ROOT, '..', 'shared', 'peer');
const LOAD = { threads: 2, connections: 32, seconds: 10, warmupSeconds: 3 };
const GOALS = { minRatio: 6, maxP99Ms: 10 };
/** The peer's post.lua, for runs without the peer. */
const FALLBACK_LUA = `wrk.method = "POST"
wrk.body   = '{"text": "Subject: FREE money now!!! Click here to claim your prize, limited offer, act now and win cash"}'
wrk.headers["Content-Type"] = "application/json"
`;

interface WrkResult { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number }

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
    const ok = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
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
function wrk(url: string, seconds: number, script: string): WrkResult {
  const args = [`-t${LOAD.threads}`, `-c${LOAD.connections}`, `-d${seconds}s`, '--latency', '-s', script, url];
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

async function measure(name: string, url: string, script: string): Promise<WrkResult> {
  wrk(url, LOAD.warmupSeconds, script);
  const result = wrk(url, LOAD.seconds, script);
  if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} responses were not 2xx`);
  console.log(`${name.padEnd(34)} ${result.requestsPerSecond.toFixed(0).padStart(8)} req/s   p50 ${result.p50Ms.toFixed(2).padStart(7)} ms   p99 ${result.p99Ms.toFixed(2).padStart(7)} ms`);
  return result;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
}

/** Starts the reference service (`npm run serve`'s entry) with extra environment; measures it. */
async function measureOurs(name: string, env: Record<string, string>, script: string, dir: string): Promise<WrkResult> {
  const port = await freePort();
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(ROOT, 'solutions', 'service', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', PREDICTION_LOG: path.join(dir, `${port}.sqlite`), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/health/ready`, 60, child);
    return await measure(name, `http://127.0.0.1:${port}/predict`, script);
  } finally {
    await stop(child);
  }
}

async function measurePeer(script: string): Promise<WrkResult | undefined> {
  const data = path.join(ROOT, 'node_modules', '@stdlib', 'datasets-spam-assassin', 'data');
  const python = '/usr/bin/python3';
  if (!existsSync(path.join(PEER_DIR, 'fastapi_app.py'))) {
    console.log(`peer skipped: no peer stack at ../shared/peer beside the repository`);
    return undefined;
  }
  if (spawnSync(python, ['-c', 'import uvicorn, fastapi, sklearn']).status !== 0) {
    console.log('peer skipped: Debian python3 lacks uvicorn/fastapi/sklearn (apt-get install uvicorn python3-fastapi python3-sklearn)');
    return undefined;
  }
  const port = await freePort();
  const child = spawn(python, ['-m', 'uvicorn', '--app-dir', PEER_DIR, 'fastapi_app:app', '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warning'], {
    env: { ...process.env, SPAM_DATA: data },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/health`, 300, child); // trains its model at start-up
    return await measure('peer (FastAPI + scikit-learn)', `http://127.0.0.1:${port}/predict`, script);
  } finally {
    await stop(child);
  }
}

/** Service switches measured one at a time: what each costs is its gap to the default run. */
const VARIANTS: { name: string; env: Record<string, string> }[] = [
  { name: 'ours, request logging off', env: { LOG_LEVEL: 'silent' } },
  { name: 'ours, prediction log in memory', env: { PREDICTION_LOG: ':memory:' } },
];

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'api-bench-'));
  // The peer's request body when the peer is there, so both servers get the same request.
  const peerScript = path.join(PEER_DIR, 'post.lua');
  const lua = existsSync(peerScript) ? peerScript : path.join(dir, 'post.lua');
  if (lua !== peerScript) writeFileSync(lua, FALLBACK_LUA);
  const loadAtStart = Number(loadavg()[0].toFixed(2));
  console.log(`wrk: ${LOAD.threads} threads, ${LOAD.connections} connections, ${LOAD.seconds} s after a ${LOAD.warmupSeconds} s warm-up; ${cpus().length} CPUs shared by server and wrk; load average ${loadAtStart}`);
  try {
    const ours = await measureOurs('ours (reference service)', {}, lua, dir);
    const variants: Record<string, WrkResult> = {};
    for (const v of VARIANTS) variants[v.name] = await measureOurs(v.name, v.env, lua, dir);
    const peer = await measurePeer(lua);
    const ratio = peer ? ours.requestsPerSecond / peer.requestsPerSecond : undefined;
    if (ratio !== undefined) console.log(`ratio ours/peer: ${ratio.toFixed(1)}× (goal ≥ ${GOALS.minRatio}×)`);
    console.log(`p99 ${ours.p99Ms.toFixed(2)} ms (goal ≤ ${GOALS.maxP99Ms} ms)`);
    const results = {
      date: new Date().toISOString(),
      load: LOAD,
      cpus: cpus().length,
      // Other work on the machine skews every number; this says how busy it was at the start.
      loadAverage1m: loadAtStart,
      node: process.version,
      ours,
      variants,
      peer: peer ?? null,
      ratio: ratio ?? null,
      goals: { ...GOALS, ratioMet: ratio === undefined ? null : ratio >= GOALS.minRatio, p99Met: ours.p99Ms <= GOALS.maxP99Ms },
    };
    mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    writeFileSync(path.join(__dirname, 'results', 'api.json'), JSON.stringify(results, null, 2) + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
