import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DOCKER, PROMETHEUS, requireSystem } from '../scripts/test-support/require-system';
import { configureTestcontainers, docker, ensureBaseImage } from '../grading/harness/docker';
import { describeLoad, startLoad, type LoadResult, type RunningLoad } from './support/load';
import { startUserTraffic } from './support/user-traffic';
import { freePort, poll } from './support/net';
import { buildSwarmImages, findOnPath, IMAGES, removePerRunImages } from './support/swarm-images';
import {
  deployStack,
  joinSwarm,
  leaveSwarm,
  nodeIn,
  removeStack,
  taskContainers,
  taskHealth,
  updateState,
  waitForHealthy,
  waitForUpdate,
} from './support/swarm';

const STACK = 'spam-swarm-test';
const API = `${STACK}_api`;
const LB = `${STACK}-lb`;
/** Requests in flight at once: also the most a killed replica can have had in flight. */
const CONCURRENCY = 4;
/** Settings of the stack file's variables; each deploy overrides some. */
const BASE_ENV = {
  API_IMAGE: IMAGES.release,
  MODEL_VERSION: '1.0.0',
  POSTGRES_IMAGE: IMAGES.db,
  PROMETHEUS_IMAGE: IMAGES.prometheus,
  // A throwaway database on a network only this test's containers join.
  POSTGRES_PASSWORD: 'swarm-test-password',
};

/** `npm run pipeline` itself, as a child process: its exit status and output. */
function runPipelineScript(args: string[], maxMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, '..', 'scripts', 'pipeline.ts'), ...args], {
      cwd: path.join(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), maxMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The API service's image and environment: what "the stack is unchanged" compares. */
async function apiSpec(): Promise<string> {
  return (await docker(['service', 'inspect', '--format', '{{json .Spec.TaskTemplate.ContainerSpec}}', API])).trim();
}

/** Waits until the load has had `n` answers (traffic flows before the change under test). */
async function flowing(load: RunningLoad, n: number): Promise<void> {
  const start = load.okSoFar();
  await poll(`${n} answers under load`, async () => (load.okSoFar() - start >= n ? true : undefined), 240, 250);
}

describe('the Swarm stack: 3 replicas behind HAProxy (deploy/swarm/stack.yml, deployed for real)', function () {
  this.timeout(300_000);
  let lbUrl = '';
  let started = false;
  const figures: string[] = [];
  let pipelineOut = '';

  before(async function () {
    // Building images: the API once (minutes the first time, cached after), HAProxy and PostgreSQL from Debian.
    this.timeout(30 * 60_000);
    await requireSystem(this, DOCKER);
    // Its binary goes into the stack's Prometheus image (no registry to pull one from).
    await requireSystem(this, PROMETHEUS);
    const prometheus = findOnPath('prometheus');
    started = true;
    configureTestcontainers();
    await ensureBaseImage();
    await buildSwarmImages(prometheus!);
    await joinSwarm();
    await deployStack(STACK, BASE_ENV);
    await waitForHealthy(API, 3, 180);
    const port = await freePort();
    lbUrl = `http://127.0.0.1:${port}`;
    await docker(['run', '-d', '--name', LB, '--network', `${STACK}_backend`, '-p', `127.0.0.1:${port}:8080`, IMAGES.lb]);
    await poll(
      'the load balancer to answer /predict',
      async () => {
        const res = await fetch(`${lbUrl}/predict`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{"text":"hello"}',
          signal: AbortSignal.timeout(2_000),
        });
        return res.status === 200 ? true : undefined;
      },
      60,
      500,
    );
  });

  after(async function () {
    this.timeout(180_000);
    if (!started) return;
    for (const line of figures) console.log(`      ${line}`);
    // What the balancer saw (servers going up and down), for a failed run.
    if (this.test?.parent?.tests.some((t) => t.state === 'failed')) {
      console.log((await docker(['logs', '--tail', '40', LB]).catch(() => '')).replace(/^/gm, '      lb| '));
    }
    await docker(['rm', '-f', LB]).catch(() => undefined);
    await removeStack(STACK);
    // The pipeline's candidate images (`…:model-<version>`), built from this run's release image.
    const repo = IMAGES.release.split(':')[0] ?? '';
    const tags = (await docker(['images', '--format', '{{.Repository}}:{{.Tag}}', repo]).catch(() => ''))
      .split('\n')
      .filter((t) => t.startsWith(`${repo}:model-`));
    if (tags.length > 0) await docker(['rmi', '-f', ...tags]).catch(() => undefined);
    if (pipelineOut) rmSync(pipelineOut, { recursive: true, force: true });
    await leaveSwarm().catch((err: Error) => console.log(`      could not leave the swarm: ${err.message}`));
    await removePerRunImages();
  });

  it('runs 3 healthy replicas and publishes the load balancer on 127.0.0.1 only', async () => {
    assert.deepEqual(await taskHealth(API), ['healthy', 'healthy', 'healthy']);
    const bindings = JSON.parse(await docker(['inspect', '--format', '{{json .HostConfig.PortBindings}}', LB])) as Record<
      string,
      { HostIp: string }[]
    >;
    assert.deepEqual(
      Object.values(bindings)
        .flat()
        .map((b) => b.HostIp),
      ['127.0.0.1'],
    );
  });

  it('Prometheus discovers every replica through tasks.api and scrapes them', async () => {
    const [prometheus] = await taskContainers(`${STACK}_prometheus`);
    assert.ok(prometheus, 'no running Prometheus container');
    const up = await poll(
      '3 spam-api targets up in Prometheus',
      async () => {
        const out = await nodeIn(
          prometheus,
          "fetch('http://127.0.0.1:9090/api/v1/targets').then((r) => r.json()).then((b) => console.log(JSON.stringify(b.data.activeTargets.map((t) => t.health))))",
        );
        const health = JSON.parse(out) as string[];
        return health.length === 3 && health.every((h) => h === 'up') ? health : undefined;
      },
      60,
      1_000,
    );
    assert.equal(up.length, 3);
  });

  it('rolls out a new model version (MODEL_VERSION 1.0.0 → 1.1.0) under steady load with 0 failed requests', async () => {
    const load = startLoad({ url: lbUrl, concurrency: CONCURRENCY, maxMs: 280_000 });
    let result: LoadResult | undefined;
    try {
      await flowing(load, 50);
      const since = Date.now();
      await deployStack(STACK, { ...BASE_ENV, MODEL_VERSION: '1.1.0' });
      assert.equal(await waitForUpdate(API, since, ['completed', 'paused', 'rollback_completed', 'rollback_paused'], 240), 'completed');
      await flowing(load, 100);
    } finally {
      result = await load.stop();
      figures.push(`rolling update: ${describeLoad(result)}`);
    }
    assert.equal(result.failed, 0, `failed requests: ${result.failures.join('; ')}`);
    assert.ok(
      (result.versions['1.0.0'] ?? 0) > 0 && (result.versions['1.1.0'] ?? 0) > 0,
      `both versions answer during the rollout: ${JSON.stringify(result.versions)}`,
    );
    assert.equal(result.lastVersion, '1.1.0');
  });

  it('rolls a release that never turns healthy back automatically, with 0 failed requests', async () => {
    const load = startLoad({ url: lbUrl, concurrency: CONCURRENCY, maxMs: 280_000, maxRequests: 60_000 });
    let result: LoadResult | undefined;
    try {
      await flowing(load, 50);
      const since = Date.now();
      await deployStack(STACK, { ...BASE_ENV, MODEL_VERSION: '1.1.0', API_IMAGE: IMAGES.broken });
      assert.equal(
        await waitForUpdate(API, since, ['rollback_completed', 'rollback_paused', 'completed', 'paused'], 240),
        'rollback_completed',
      );
      await flowing(load, 100);
    } finally {
      result = await load.stop();
      figures.push(`automatic rollback: ${describeLoad(result)}; ${(await updateState(API).catch(() => undefined))?.Message ?? ''}`);
    }
    assert.equal(result.failed, 0, `failed requests: ${result.failures.join('; ')}`);
    const image = (await docker(['service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', API])).trim();
    assert.equal(image, IMAGES.release);
    await waitForHealthy(API, 3, 60);
  });

  it('loses at most the in-flight requests of a replica killed under load, and keeps answering', async () => {
    const load = startLoad({ url: lbUrl, concurrency: CONCURRENCY, maxMs: 120_000 });
    let result: LoadResult | undefined;
    let afterKill = 0;
    try {
      await flowing(load, 50);
      const [victim] = await taskContainers(API);
      await docker(['kill', '--signal', 'KILL', victim]);
      const atKill = load.okSoFar();
      await flowing(load, 200);
      afterKill = load.okSoFar() - atKill;
      // Swarm replaces the task: back to 3 healthy replicas.
      await waitForHealthy(API, 3, 90);
    } finally {
      result = await load.stop();
      figures.push(`replica killed (SIGKILL): ${describeLoad(result)}`);
    }
    assert.ok(
      result.failed <= CONCURRENCY,
      `${result.failed} failed, more than the ${CONCURRENCY} that can be in flight: ${result.failures.join('; ')}`,
    );
    assert.ok(afterKill >= 200, `only ${afterKill} answers after the kill`);
  });

  it("keeps every replica's predictions in the one PostgreSQL log", async () => {
    const [db] = await taskContainers(`${STACK}_db`);
    assert.ok(db, 'no running PostgreSQL container');
    const count = await poll(
      'rows in the shared prediction log',
      async () => {
        const out = await docker(['exec', db, 'psql', '-U', 'spam', '-d', 'predictions', '-tAc', 'SELECT count(*) FROM predictions']);
        const n = Number(out.trim());
        return n > 0 ? n : undefined;
      },
      30,
      1_000,
    );
    const versions = await docker([
      'exec',
      db,
      'psql',
      '-U',
      'spam',
      '-d',
      'predictions',
      '-tAc',
      'SELECT DISTINCT model_version FROM predictions ORDER BY 1',
    ]);
    figures.push(`shared prediction log: ${count} rows, versions ${versions.trim().split('\n').join(', ')}`);
    // Rows from the replicas of both releases: each wrote to the same table.
    assert.deepEqual(versions.trim().split('\n'), ['1.0.0', '1.1.0']);
  });
  // Last: it changes the served version, which the prediction-log case above counts.
  it('npm run pipeline promotes a better candidate under traffic from many users with 0 failed requests, then stops a retrain at the gate', async function () {
    this.timeout(20 * 60_000);
    pipelineOut = mkdtempSync(path.join(os.tmpdir(), 'swarm-pipeline-'));
    // The watch ends as soon as 100 candidate requests are in (seconds at this traffic); 120 s only bounds a run that fails.
    const args = ['--stack', STACK, '--out', pipelineOut, '--share', '0.5', '--min-samples', '100', '--watch-seconds', '120'];
    // From 50 users (X-User-Id), which the canary splits by: bounded in count and time, through HAProxy on 127.0.0.1.
    // A served model that a retrain beats: the weak 1.1.0, which the rollout case leaves serving.
    if (!(await apiSpec()).includes('"MODEL_VERSION=1.1.0"')) {
      const since = Date.now();
      await deployStack(STACK, { ...BASE_ENV, MODEL_VERSION: '1.1.0' });
      const state = await waitForUpdate(API, since, ['completed', 'paused', 'rollback_completed', 'rollback_paused'], 240);
      assert.equal(state, 'completed', `the update to 1.1.0 ended ${state}: ${(await updateState(API))?.Message ?? ''}`);
    }
    await waitForHealthy(API, 3, 180);
    const load = startUserTraffic({ url: lbUrl, concurrency: 2, users: 50, maxRequests: 60_000, maxMs: 13 * 60_000 });
    let first: { code: number | null; output: string };
    let result: LoadResult | undefined;
    try {
      await flowing(load, 50);
      first = await runPipelineScript(args, 12 * 60_000);
    } finally {
      result = await load.stop();
      figures.push(`pipeline release: ${describeLoad(result)}; load average ${os.loadavg()[0]?.toFixed(1)}`);
    }
    // Each step's outcome and time: where a slow or failed release spent its minutes.
    for (const line of first.output.split('\n').filter((l) => /^\s+[✓✗] /.test(l))) figures.push(`pipeline ${line.trim().slice(0, 160)}`);
    assert.equal(first.code, 0, `the pipeline did not complete:\n${first.output.slice(-3000)}`);
    assert.match(first.output, /promoted 1\.1\.1: 3\/3 replicas serve it/);
    assert.equal(result.failed, 0, `failed requests: ${result.failures.join('; ')}`);
    assert.ok((result.versions['1.1.1'] ?? 0) > 0, `the candidate answered: ${JSON.stringify(result.versions)}`);

    const before = await apiSpec();
    const secondBegan = Date.now();
    const second = await runPipelineScript(args, 5 * 60_000);
    figures.push(`pipeline retrain: exit ${second.code} in ${((Date.now() - secondBegan) / 1000).toFixed(0)} s`);
    assert.equal(second.code, 1, second.output.slice(-3000));
    assert.match(second.output, /stopped at gate/);
    assert.equal(await apiSpec(), before, 'the stack changed after a run stopped at the gate');
  });
});
