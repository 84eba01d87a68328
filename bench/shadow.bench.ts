/**
 * What a shadow release costs the client: p50 latency of POST /predict from the same service
 * with a shadow candidate scoring a copy of every request, against that service without one.
 * Bar: the shadow adds at most 10 % to p50.
 *
 * Two reference services run side by side on 127.0.0.1, each in its own process, on the same
 * models folder: the committed model as stable 1.0.0, and 1.1.0 (the committed weights at
 * another threshold: a real-size candidate, so scoring a copy costs what an answer costs). One
 * starts 1.1.0 in shadow through the admin route, after the holdout gate; the bench's holdout is
 * labelled with 1.1.0's own answers so that it passes (the gate is not what is measured here).
 *
 * The client (this process) sends at a fixed rate, the way traffic arrives in production
 * (open loop), test-split mail in the same order to both, in many short alternating rounds
 * (off, shadow, shadow, off, …) so drift in the machine's speed hits both alike; each side's
 * latencies are pooled over its rounds and the two p50s compared. A short saturated run (closed loop) is reported too, without a bar: there
 * the shadow's CPU shows as throughput. Results go to bench/results/shadow.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { datasetsBuilt, readSpamSplit } from '../datasets/read';
import { loadArtifact } from '../mlkit/artifact';
import { freePort } from '../deploy/support/net';
import { writeVersions } from '../solutions/lab-05-version-and-retrain/src/model-store';

const ROOT = path.resolve(__dirname, '..');
const TOKEN = 'bench-admin-token-0123456789';
const LOAD = {
  rate: 50,
  seconds: 2,
  rounds: 20,
  sockets: 8,
  maxOutstanding: 200,
  warmupRequests: 1000,
  saturatedSeconds: 4,
  saturatedConnections: 8,
};
const BAR = { maxP50Increase: 0.1 };
const MAX_CHARS = 2000;

interface Server {
  url: string;
  child: ChildProcess;
}

function texts(): string[] {
  if (!datasetsBuilt()) throw new Error('datasets not built: run "npm run datasets" first');
  return readSpamSplit('test').map((r) => r.text.slice(0, MAX_CHARS));
}

/**
 * 1.0.0 as committed, 1.1.0 at a threshold low enough that some test mail changes class; a
 * holdout on which 1.1.0 is right by construction: every text where the two disagree, labelled
 * with 1.1.0's answer, and a few where they agree.
 */
function prepareModels(sample: string[]): { modelsDir: string; holdout: string } {
  const modelsDir = writeVersions(path.join(ROOT, 'models'), [{ version: '1.0.0' }, { version: '1.1.0', threshold: 0.1 }]);
  const stable = loadArtifact(path.join(modelsDir, 'spam', '1.0.0'));
  const candidate = loadArtifact(path.join(modelsDir, 'spam', '1.1.0'));
  const p = candidate.predictProba(sample);
  const rows = sample.map((text, i) => ({
    text,
    spam: (p[i] ?? 0) >= candidate.threshold,
    agree: (p[i] ?? 0) >= stable.threshold === (p[i] ?? 0) >= candidate.threshold,
  }));
  const chosen = [...rows.filter((r) => !r.agree), ...rows.filter((r) => r.agree).slice(0, 40)];
  const holdout = path.join(modelsDir, 'holdout.jsonl');
  writeFileSync(holdout, chosen.map((r) => JSON.stringify({ text: r.text, label: r.spam ? 'spam' : 'ham' })).join('\n') + '\n');
  return { modelsDir, holdout };
}

async function startServer(modelsDir: string, holdout: string, dir: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(ROOT, 'solutions', 'service', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      MODELS_DIR: modelsDir,
      MODEL_VERSION: '1.0.0',
      HOLDOUT_FILE: holdout,
      PREDICTION_LOG: path.join(dir, `${port}.sqlite`),
      ADMIN_TOKEN: TOKEN,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`${url} was not ready within 60 s`);
}

const agent = new Agent({ keepAlive: true, maxSockets: LOAD.sockets });

/** One POST /predict; resolves with its latency in ms (send to last byte), rejects on a non-200. */
function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(`${url}/predict`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

interface Round {
  /** Every request's latency, ms (pooled per side; left out of the JSON). */
  latencies: number[];
  p50Ms: number;
  p99Ms: number;
  sent: number;
  achievedRate: number;
}

/**
 * Open loop: `rate` requests a second for `seconds`, whatever the answers do; a server that
 * falls `maxOutstanding` requests behind fails the round (its latencies would only measure the queue).
 */
async function openLoop(url: string, bodies: string[], rate: number, seconds: number): Promise<Round> {
  const total = rate * seconds;
  const latencies: Promise<number>[] = [];
  let answered = 0;
  const t0 = performance.now();
  await new Promise<void>((done, fail) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
      while (latencies.length < due) {
        const sent = post(url, bodies[latencies.length % bodies.length] as string);
        latencies.push(sent.finally(() => answered++));
      }
      if (latencies.length - answered > LOAD.maxOutstanding) {
        clearInterval(tick);
        fail(new Error(`${url} fell ${LOAD.maxOutstanding} requests behind at ${rate} req/s: the machine is too busy to measure`));
      } else if (latencies.length >= total) {
        clearInterval(tick);
        done();
      }
    }, 2);
  });
  const sorted = (await Promise.all(latencies)).sort((a, b) => a - b);
  return {
    latencies: sorted,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    sent: total,
    achievedRate: total / ((performance.now() - t0) / 1000),
  };
}

/** Closed loop: `connections` clients, each sending its next request when the last answer came. */
async function closedLoop(url: string, bodies: string[], connections: number, seconds: number): Promise<{ rps: number; p50Ms: number }> {
  const end = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      for (let i = c; performance.now() < end; i += connections) latencies.push(await post(url, bodies[i % bodies.length] as string));
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p50Ms: percentile(latencies, 0.5) };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function shadowStatus(url: string): Promise<unknown> {
  const res = await fetch(`${url}/admin/candidate`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return ((await res.json()) as { candidate: unknown }).candidate;
}

async function main(): Promise<void> {
  const sample = texts();
  const bodies = sample.map((text) => JSON.stringify({ text }));
  const { modelsDir, holdout } = prepareModels(sample);
  const dir = mkdtempSync(path.join(tmpdir(), 'shadow-bench-'));
  const loadAtStart = loadavg().map((x) => Number(x.toFixed(2)));
  console.log(
    `open loop ${LOAD.rate} req/s × ${LOAD.seconds} s per round, ${LOAD.rounds} rounds per side, ${LOAD.sockets} sockets; ${bodies.length} test-split texts; ${cpus().length} CPUs; load average ${loadAtStart.join(' ')}`,
  );
  const servers: Server[] = [];
  try {
    const plain = await startServer(modelsDir, holdout, dir);
    servers.push(plain);
    const shadow = await startServer(modelsDir, holdout, dir);
    servers.push(shadow);
    const started = await fetch(`${shadow.url}/admin/candidate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: '1.1.0', mode: 'shadow' }),
    });
    if (started.status !== 200) throw new Error(`starting the shadow failed: ${started.status} ${await started.text()}`);
    for (const s of [plain, shadow]) await closedLoop(s.url, bodies.slice(0, LOAD.warmupRequests), 4, 2);
    const off: Round[] = [];
    const on: Round[] = [];
    for (let round = 0; round < LOAD.rounds; round++) {
      // off, on, on, off, off, on: each side goes first as often.
      const order = round % 2 === 0 ? ([off, on] as const) : ([on, off] as const);
      for (const side of order) {
        const r = await openLoop(side === on ? shadow.url : plain.url, bodies, LOAD.rate, LOAD.seconds);
        side.push(r);
        console.log(
          `round ${round + 1} ${side === on ? 'shadow on ' : 'shadow off'}  p50 ${r.p50Ms.toFixed(3)} ms  p99 ${r.p99Ms.toFixed(3)} ms  ${r.achievedRate.toFixed(0)} req/s`,
        );
      }
    }
    // Short rounds, many of them, pooled: each side saw the machine's busy and quiet seconds alike.
    const pooled = (rounds: Round[]): number[] => rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const p50Off = percentile(pooled(off), 0.5);
    const p50On = percentile(pooled(on), 0.5);
    const increase = p50On / p50Off - 1;
    const roundRatios = off.map((r, i) => (on[i]?.p50Ms ?? NaN) / r.p50Ms);
    const saturatedOff = await closedLoop(plain.url, bodies, LOAD.saturatedConnections, LOAD.saturatedSeconds);
    const saturatedOn = await closedLoop(shadow.url, bodies, LOAD.saturatedConnections, LOAD.saturatedSeconds);
    const status = await shadowStatus(shadow.url);
    const result = {
      date: new Date().toISOString(),
      load: LOAD,
      cpus: cpus().length,
      loadavgStart: loadAtStart,
      loadavgEnd: loadavg().map((x) => Number(x.toFixed(2))),
      off: off.map(({ latencies: _, ...r }) => r),
      on: on.map(({ latencies: _, ...r }) => r),
      medianRoundRatio: median(roundRatios),
      p50OffMs: p50Off,
      p50OnMs: p50On,
      p50Increase: increase,
      p99OffMs: percentile(pooled(off), 0.99),
      p99OnMs: percentile(pooled(on), 0.99),
      saturated: { off: saturatedOff, on: saturatedOn },
      shadow: status,
      bar: BAR,
      pass: increase <= BAR.maxP50Increase,
    };
    mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    writeFileSync(path.join(__dirname, 'results', 'shadow.json'), JSON.stringify(result, null, 2) + '\n');
    console.log(
      `\npooled p50: off ${p50Off.toFixed(3)} ms, shadow ${p50On.toFixed(3)} ms (${(100 * increase).toFixed(1)} %, bar ≤ ${100 * BAR.maxP50Increase} %) → ${result.pass ? 'PASS' : 'FAIL'}`,
    );
    console.log(
      `saturated (${LOAD.saturatedConnections} connections): off ${saturatedOff.rps.toFixed(0)} req/s p50 ${saturatedOff.p50Ms.toFixed(2)} ms, shadow ${saturatedOn.rps.toFixed(0)} req/s p50 ${saturatedOn.p50Ms.toFixed(2)} ms`,
    );
    console.log(`shadow window: ${JSON.stringify((status as { window?: unknown } | null)?.window)}`);
    console.log(`load average at the end: ${result.loadavgEnd.join(' ')}`);
    if (!result.pass) process.exitCode = 1;
  } finally {
    agent.destroy();
    for (const s of servers) s.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    rmSync(modelsDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
