/**
 * Given: lab 07's service. The template's app with the earlier labs' parts (lab 01's predictor,
 * lab 02's validator, lab 05's versioned registry and admin guard) and the release registry
 * (`release.ts`) running your split, shadow path, rule and metrics, with the release's admin
 * routes (`admin-routes.ts`). The versions it can try are in `versions.ts`.
 *
 * `npm run check` starts it through `createLabApp`, sends traffic with `X-User-Id` headers, starts
 * releases through `POST /admin/candidate`, and reads two routes of this file's own:
 * `GET /lab/timeline` (the order in which answers left and probe texts reached the candidate)
 * and `POST /lab/shadow-idle` (answers once your shadow path's `idle()` resolves).
 * `splitKeys` and `splitKeysInFreshProcess` run your `inCanary` on many keys at once, and
 * `exerciseShadowQueue` fills your shadow path's queue faster than it can score.
 */
import { spawnSync } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import pino from 'pino';
import { createApp } from '../../../server-template/src/app';
import { loadConfig } from '../../../server-template/src/config';
import { holeDeps } from '../../../server-template/src/holes';
import { predictor } from '../../lab-01-ship-the-model/src/predict';
import { contractValidator } from '../../lab-02-harden-the-api/src/validate';
import { bearerGuard } from '../../lab-05-version-and-retrain/src/auth';
import { VersionedRegistry } from '../../lab-05-version-and-retrain/src/versioning';
import { releaseRoutes } from './admin-routes';
import { inCanary } from './canary';
import { ReleaseRegistry } from './release';
import { createShadowPath } from './shadow';
import { labVersions, probeOf, type Timeline } from './versions';

export interface LabAppOptions {
  /** ADMIN_TOKEN (at least 16 characters): the release's routes are admin routes. */
  token: string;
  /** Most copies waiting for the shadow candidate (default 1,000). */
  shadowLimit?: number;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * The service with `1.0.0` answering. A `/predict` request with an `X-Probe: N` header writes
 * `answer-sent N` on the timeline once its answer is handed to the connection.
 */
export async function createLabApp(options: LabAppOptions): Promise<Listener> {
  const config = { ...loadConfig({}), adminToken: options.token };
  const timeline: Timeline = [];
  const stable = new VersionedRegistry(labVersions(config.modelsDir, config.modelName, timeline));
  await stable.load('1.0.0');
  const release = new ReleaseRegistry(stable, { shadowLimit: options.shadowLimit });
  const deps = holeDeps({
    models: release,
    predictor,
    validator: contractValidator,
    admin: bearerGuard,
    predictionMetrics: (registry) => {
      release.registerMetrics(registry);
      return () => undefined;
    },
  });
  const app = createApp(deps, { config, logger: pino({ level: 'silent' }), routes: releaseRoutes(release) }).app;
  return (req, res) => {
    if (req.url === '/lab/timeline') return sendJson(res, 200, { timeline });
    if (req.url === '/lab/shadow-idle' && req.method === 'POST') {
      release.shadowIdle().then(
        () => sendJson(res, 200, { idle: true }),
        (err: unknown) => sendJson(res, 500, { error: { code: 'idle_failed', message: String(err) } }),
      );
      return;
    }
    const probe = probeOf(`[probe ${String(req.headers['x-probe'] ?? '')}]`);
    if (req.url === '/predict' && probe !== undefined) {
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        const out = end(...args);
        timeline.push({ event: 'answer-sent', probe });
        return out;
      }) as ServerResponse['end'];
    }
    app(req, res);
  };
}

/** Your `inCanary(key, share)` for each key, in this process. */
export function splitKeys(keys: string[], share: number): boolean[] {
  return keys.map((key) => inCanary(key, share));
}

/**
 * Your `inCanary(key, share)` for each key in a new Node process, as after a restart or on
 * another replica: whatever the first process kept in memory is gone.
 */
export function splitKeysInFreshProcess(keys: string[], share: number): boolean[] {
  const canary = path.join(__dirname, 'canary.ts');
  const script = `const { inCanary } = require(${JSON.stringify(canary)});
let input = '';
process.stdin.on('data', (d) => (input += d)).on('end', () => {
  const { keys, share } = JSON.parse(input);
  process.stdout.write(JSON.stringify(keys.map((k) => inCanary(k, share))));
});`;
  const run = spawnSync(process.execPath, [...process.execArgv, '-e', script], {
    input: JSON.stringify({ keys, share }),
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 16 << 20,
  });
  if (run.status !== 0) throw new Error(`the fresh process failed (${run.status ?? run.signal}): ${run.stderr.slice(-500)}`);
  return JSON.parse(run.stdout) as boolean[];
}

/** What `exerciseShadowQueue` saw, step by step. */
export interface QueueReport {
  /** Right after submitting `jobs` copies in one turn: copies waiting, scored, dropped. */
  afterSubmit: { pending: number; compared: number; dropped: number };
  /** Once idle() resolved. */
  afterIdle: { pending: number; compared: number; dropped: number };
  /** After `limit` more copies and stop(), then one more copy. */
  afterStop: { pending: number; compared: number; dropped: number };
}

/**
 * Your `createShadowPath` with `limit` and a candidate that agrees with everything: `jobs`
 * copies are submitted in one turn of the event loop (a burst), then idle() is awaited; then
 * `limit` more are submitted, the path is stopped, and one more copy is submitted.
 */
export async function exerciseShadowQueue(limit: number, jobs: number): Promise<QueueReport> {
  const seen = { compared: 0, dropped: 0 };
  const path = createShadowPath({
    candidate: { threshold: 0.5, predictProba: (texts) => texts.map(() => 0.9) },
    limit,
    listener: {
      compared: () => void seen.compared++,
      dropped: () => void seen.dropped++,
      failed: () => undefined,
    },
  });
  const job = { texts: ['a burst'], stable: [{ prediction: 'spam' as const, probability: 0.9 }] };
  const now = () => ({ pending: path.pending(), ...seen });
  for (let i = 0; i < jobs; i++) path.submit(job);
  const afterSubmit = now();
  await path.idle();
  const afterIdle = now();
  for (let i = 0; i < limit; i++) path.submit(job);
  path.stop();
  path.submit(job);
  return { afterSubmit, afterIdle, afterStop: now() };
}
