/**
 * Requests per second through the load balancer: the Swarm stack (deploy/swarm/stack.yml) with
 * 3 API replicas against the same stack scaled to 1, in the same run, in alternating rounds
 * (3, 1, 3, 1, …) so that drift in the machine's speed hits both alike; medians are reported.
 * The client (autocannon, 32 connections, POST /predict) runs in this process on 127.0.0.1 and
 * shares the machine's cores with HAProxy and the replicas: on 2 cores, 3 replicas cannot get
 * 3 cores, and the figures say how much of the second core they got.
 * Needs a Docker engine and the prometheus binary (as deploy/swarm.test.ts); results go to
 * bench/results/replicas.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { docker, dockerUnavailable, ensureBaseImage } from '../grading/harness/docker';
import { freePort, poll } from '../deploy/support/net';
import { buildSwarmImages, findOnPath, IMAGES, removePerRunImages } from '../deploy/support/swarm-images';
import { deployStack, joinSwarm, leaveSwarm, removeStack, waitForHealthy } from '../deploy/support/swarm';

const STACK = 'spam-bench';
const API = `${STACK}_api`;
const LB = `${STACK}-lb`;
const LOAD = { connections: 32, seconds: 10, warmupSeconds: 3, rounds: 3 };
const BODY = JSON.stringify({ text: 'Subject: FREE money now!!! Click here to claim your prize, limited offer, act now and win cash' });

interface Round {
  replicas: number;
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

async function hammer(url: string, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/predict`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: LOAD.connections,
    duration: seconds,
  });
}

/** Scales the API service, waits for every replica to be healthy and in the balancer's rotation. */
async function scaleTo(replicas: number, url: string): Promise<void> {
  await docker(['service', 'scale', '--detach', `${API}=${replicas}`]);
  await waitForHealthy(API, replicas, 120);
  // The balancer re-resolves every second and needs two passing checks (rise 2, 500 ms apart).
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await hammer(url, LOAD.warmupSeconds);
}

async function round(replicas: number, url: string): Promise<Round> {
  await scaleTo(replicas, url);
  const r = await hammer(url, LOAD.seconds);
  const result = { replicas, requestsPerSecond: r.requests.average, p99Ms: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
  console.log(
    `  ${replicas} replica(s): ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors, ${result.non2xx} non-2xx`,
  );
  return result;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Deploys the stack and the balancer on 127.0.0.1; returns the balancer's URL. */
async function setUp(prometheus: string): Promise<string> {
  await ensureBaseImage();
  await buildSwarmImages(prometheus);
  await joinSwarm();
  await deployStack(STACK, {
    API_IMAGE: IMAGES.release,
    POSTGRES_IMAGE: IMAGES.db,
    PROMETHEUS_IMAGE: IMAGES.prometheus,
    POSTGRES_PASSWORD: 'bench-only-password',
    MODEL_VERSION: '1.0.0',
  });
  await waitForHealthy(API, 3, 180);
  const port = await freePort();
  await docker(['run', '-d', '--name', LB, '--network', `${STACK}_backend`, '-p', `127.0.0.1:${port}:8080`, IMAGES.lb]);
  const url = `http://127.0.0.1:${port}`;
  await poll(
    'the balancer',
    async () => ((await fetch(`${url}/lb/health`, { signal: AbortSignal.timeout(2_000) })).ok ? true : undefined),
    60,
    500,
  );
  return url;
}

async function tearDown(): Promise<void> {
  await docker(['rm', '-f', LB]).catch(() => undefined);
  await removeStack(STACK);
  await leaveSwarm().catch(() => undefined);
  await removePerRunImages();
}

function report(rounds: Round[]): void {
  const of = (n: number): Round[] => rounds.filter((r) => r.replicas === n);
  const summary = {
    date: new Date().toISOString(),
    cores: cpus().length,
    loadavg: loadavg(),
    load: LOAD,
    one: { requestsPerSecond: median(of(1).map((r) => r.requestsPerSecond)), p99Ms: median(of(1).map((r) => r.p99Ms)) },
    three: { requestsPerSecond: median(of(3).map((r) => r.requestsPerSecond)), p99Ms: median(of(3).map((r) => r.p99Ms)) },
    rounds,
  };
  const ratio = summary.three.requestsPerSecond / summary.one.requestsPerSecond;
  console.log(
    `\n  median: 1 replica ${Math.round(summary.one.requestsPerSecond)} req/s, 3 replicas ${Math.round(summary.three.requestsPerSecond)} req/s: ${ratio.toFixed(2)}× on ${summary.cores} cores`,
  );
  const dir = path.join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'replicas.json'), `${JSON.stringify({ ...summary, ratio }, null, 2)}\n`);
}

async function main(): Promise<void> {
  // The base image is built below (ensureBaseImage) when it is missing: only the engine is needed.
  const unavailable = await dockerUnavailable({ baseImage: false });
  const prometheus = findOnPath('prometheus');
  if (unavailable || !prometheus) {
    console.log(`skipped: ${unavailable ?? 'the prometheus binary is not installed'}`);
    return;
  }
  // A fetch to a published port whose container is not listening yet can wait on a socket that
  // holds no reference on the event loop, and Node then exits mid-run with status 0: this timer
  // keeps the process alive until the bench ends.
  const keepAlive = setInterval(() => undefined, 1_000);
  try {
    const url = await setUp(prometheus);
    const rounds: Round[] = [];
    for (let i = 0; i < LOAD.rounds; i++) for (const replicas of [3, 1]) rounds.push(await round(replicas, url));
    report(rounds);
  } finally {
    await tearDown();
    clearInterval(keepAlive);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
