/**
 * What validation, metrics, request logging and the prediction log each cost per request.
 *
 * Two views. In-process: each part's own work for one request (parse, validate, predict, update
 * metrics, write a log line, log the prediction), called in a loop — microseconds, free of HTTP
 * noise. Over HTTP: this process serves POST /predict in several builds, one after another,
 * each measured by wrk (another process) on 127.0.0.1 with the same body — bare node:http and
 * bare Express with the model, then the service adding its parts one at a time, and the whole
 * service routed through Express alone. Cost of a build = server CPU time per request.
 * Results go to bench/results/api-overhead.json.
 * Uses the committed model under models/spam/ (run `npm run train` first if it is missing).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import express from 'express';
import pino from 'pino';
import { createApp } from '../server-template/src/app';
import { loadConfig } from '../server-template/src/config';
import type { LoadedModel, ServiceDeps } from '../server-template/src/contracts';
import { holePredictionLog } from '../server-template/src/holes';
import { bufferedDestination, logRequest } from '../server-template/src/logging';
import { createMetrics } from '../server-template/src/metrics';
import { SqlitePredictionLog } from '../solutions/lab-04-monitor/src/prediction-log';
import { registerPredictionMetrics } from '../solutions/lab-04-monitor/src/metrics';
import { buildServiceDeps } from '../solutions/service/deps';
import { defaultOpenArtifact } from '../solutions/service/artifact';
import { parseJsonText } from '../solutions/service/fast-path/read-body';
import { withFastPath } from '../solutions/service/fast-path/predict-path';
import { floorAnswer, floorListener } from './floor-server';

const LOAD = { threads: 1, connections: 16, seconds: 6, warmupSeconds: 2, rounds: 3 };

/** The middle value (an odd count of rounds, so one of the runs). */
function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}
const BODY = '{"text": "Subject: FREE money now!!! Click here to claim your prize, limited offer, act now and win cash"}';

interface WrkRun {
  rps: number;
  p99Ms: number;
  requests: number;
}

/**
 * `cpuUsPerRequest` (this process's CPU time per request) is the robust number: unlike req/s it
 * barely moves when other programs share the CPUs.
 */
interface Result {
  name: string;
  requestsPerSecond: number;
  p99Ms: number;
  cpuUsPerRequest: number;
}

/** Parse wrk's summary: requests per second and the 99th percentile latency. */
function parseWrk(out: string): WrkRun {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(out);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  const total = /(\d+) requests in/.exec(out);
  if (!rps || !p99 || !total) throw new Error(`unexpected wrk output:\n${out}`);
  if (non2xx) throw new Error(`${non2xx[1]} responses were not 2xx`);
  const scale: Record<string, number> = { us: 0.001, ms: 1, s: 1000 };
  return { rps: Number(rps[1]), p99Ms: Number(p99[1]) * scale[p99[2]], requests: Number(total[1]) };
}

/** wrk in a child process, asynchronously, so this process keeps serving meanwhile. */
function runWrk(url: string, seconds: number, script: string): Promise<WrkRun> {
  return new Promise((resolve, reject) => {
    const args = [`-t${LOAD.threads}`, `-c${LOAD.connections}`, `-d${seconds}s`, '--latency', '-s', script, url];
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
    child.once('error', (err) => reject(new Error(`wrk failed (apt-get install wrk): ${err.message}`)));
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`wrk exited with ${code}`));
      else {
        try {
          resolve(parseWrk(out));
        } catch (err) {
          reject(err);
        }
      }
    });
  });
}

function listen(handler: RequestListener): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer(handler).listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function measure(app: RequestListener, script: string): Promise<WrkRun & { cpuUs: number }> {
  const server = await listen(app);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/predict`;
  try {
    await runWrk(url, LOAD.warmupSeconds, script);
    const before = process.cpuUsage();
    const run = await runWrk(url, LOAD.seconds, script);
    const cpu = process.cpuUsage(before);
    return { ...run, cpuUs: cpu.user + cpu.system };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function bareExpress(model: LoadedModel): RequestListener {
  const app = express();
  app.post('/predict', express.json(), (req, res) => void res.json(floorAnswer(model, req.body)));
  return app;
}

/** Microseconds per call of `fn`: the median of 5 rounds of `n` calls, after a warm-up round. */
function timePerCall(n: number, fn: (i: number) => void): number {
  const rounds: number[] = [];
  for (let round = 0; round < 6; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(i);
    rounds.push(Number(process.hrtime.bigint() - start) / 1000 / n);
  }
  return median(rounds.slice(1));
}

/** Each part's own work for one request of the benchmark body, in-process. */
function partCosts(deps: ServiceDeps, model: LoadedModel, dir: string, devNull: () => pino.Logger): Record<string, number> {
  const body = parseJsonText(BODY);
  const request = deps.validator.parsePredict(body, { maxTextChars: 100_000, maxBatch: 64 });
  const predictions = deps.predictor.predict(model, request.texts);
  const metrics = createMetrics();
  const observe = registerPredictionMetrics(metrics.registry);
  const logger = devNull();
  const record = {
    id: '0b6c1f8e-2c1d-4a57-9d1e-7c5f1b2a3d4e',
    method: 'POST',
    url: '/predict',
    statusCode: 200,
    responseTimeMs: 1.234,
    completed: true,
  };
  const log = new SqlitePredictionLog({ file: path.join(dir, 'parts.sqlite') });
  const row = {
    ts: Date.now(),
    model: model.info,
    text: request.texts[0] ?? '',
    prediction: predictions[0]?.prediction ?? 'ham',
    probability: 0.5,
  };
  try {
    return {
      'read the body (JSON.parse)': timePerCall(20_000, () => parseJsonText(BODY)),
      'validate (lab 02)': timePerCall(20_000, () => deps.validator.parsePredict(body, { maxTextChars: 100_000, maxBatch: 64 })),
      'predict (tokenise, TF-IDF, logistic regression)': timePerCall(5_000, () => deps.predictor.predict(model, request.texts)),
      'metrics (latency, class, probability)': timePerCall(20_000, () => {
        metrics.requestDuration.observe({ method: 'POST', route: '/predict', status_code: 200 }, 0.001234);
        metrics.predictions.inc({ class: 'spam' });
        observe(model.info, predictions);
      }),
      'request log line (pino, info)': timePerCall(20_000, () => logRequest(logger, record)),
      // Batches included: every 32nd call pays for writing the batch (features, insert, commit).
      'prediction log (SQLite, batched)': timePerCall(5_000, (i) => {
        log.record([row]);
        if (i % 32 === 31) log.flush();
      }),
    };
  } finally {
    log.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'api-overhead-'));
  const script = path.join(dir, 'post.lua');
  writeFileSync(script, `wrk.method = "POST"\nwrk.body = '${BODY}'\nwrk.headers["Content-Type"] = "application/json"\n`);
  const config = loadConfig({ PREDICTION_LOG: path.join(dir, 'predictions.sqlite'), LOG_LEVEL: 'info' });
  const deps = await buildServiceDeps(config, defaultOpenArtifact);
  const model = deps.models.current();
  if (!model) throw new Error('no model loaded');
  const devNull = (): pino.Logger => pino({ level: 'info' }, bufferedDestination('/dev/null'));
  const quiet = pino({ level: 'silent' });
  const withoutLog = { ...deps, predictionLog: holePredictionLog };
  const builds: Array<[string, () => RequestListener]> = [
    ['bare node:http + model', () => floorListener(model)],
    ['bare Express + model', () => bareExpress(model)],
    ['service: routing, validation, metrics', () => withFastPath(createApp(withoutLog, { config, logger: quiet }))],
    ['+ request logging (info)', () => withFastPath(createApp(withoutLog, { config, logger: devNull() }))],
    ['+ SQLite prediction log = service', () => withFastPath(createApp(deps, { config, logger: devNull() }))],
    ['service, all through Express (the template)', () => createApp(deps, { config, logger: devNull() }).app],
  ];
  const results: Result[] = [];
  try {
    const parts = partCosts(deps, model, dir, devNull);
    console.log('in-process, per request (µs):');
    for (const [name, us] of Object.entries(parts)) console.log(`  ${name.padEnd(48)} ${us.toFixed(2).padStart(7)}`);
    console.log(
      `over HTTP — wrk: ${LOAD.threads} thread, ${LOAD.connections} connections, ${LOAD.seconds} s after ${LOAD.warmupSeconds} s, ${LOAD.rounds} rounds over the builds in turn (medians); ${cpus().length} CPUs shared`,
    );
    // All builds share this process's JIT: rounds in turn keep the first build from paying for
    // the warm-up and spread bursts of other work on the machine over every build.
    const apps = builds.map(([name, build]) => ({ name, app: build(), runs: [] as Array<WrkRun & { cpuUs: number }> }));
    for (let round = 0; round < LOAD.rounds; round++) {
      for (const a of apps) a.runs.push(await measure(a.app, script));
    }
    for (const a of apps) {
      const perRequest = a.runs.map((r) => r.cpuUs / r.requests);
      const us = median(perRequest);
      const run = a.runs[perRequest.indexOf(us)] ?? a.runs[0];
      results.push({ name: a.name, requestsPerSecond: run.rps, p99Ms: run.p99Ms, cpuUsPerRequest: us });
      console.log(
        `${a.name.padEnd(40)} ${run.rps.toFixed(0).padStart(7)} req/s  p99 ${run.p99Ms.toFixed(2).padStart(6)} ms  CPU ${us.toFixed(1).padStart(6)} µs/req`,
      );
    }
    mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      path.join(__dirname, 'results', 'api-overhead.json'),
      JSON.stringify(
        { date: new Date().toISOString(), load: LOAD, cpus: cpus().length, node: process.version, partsUsPerRequest: parts, results },
        null,
        2,
      ) + '\n',
    );
  } finally {
    deps.predictionLog.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
