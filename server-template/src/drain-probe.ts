/**
 * Load around a shutdown, for tests and graders: kept-alive connections with requests
 * continuously in flight, a readiness poller playing the load balancer, and a count of every
 * request that failed. 127.0.0.1 only; bounded in requests and time.
 */
import { Agent, request } from 'node:http';

export interface DrainProbeOptions {
  /** e.g. `http://127.0.0.1:3000` (with `socketPath`, only its path and host header count) */
  url: string;
  /** Send every request over this unix socket instead of TCP (a grader's sandbox has no network). */
  socketPath?: string;
  /** Starts the shutdown (sends SIGTERM, stops a container); called once the load is warm. */
  stop: () => void | Promise<void>;
  /** Kept-alive connections, each with one request in flight at a time (default 16). */
  connections?: number;
  /** Requests completed before `stop` is called (default 10 per connection). */
  warmup?: number;
  /** How long the "load balancer" keeps routing after it first sees readiness fail (default 300 ms). */
  reactionMs?: number;
  /** Readiness poll period (default 50 ms). */
  pollMs?: number;
  /** Bounds on the whole run (default 20,000 requests, 30 s). */
  maxRequests?: number;
  maxMs?: number;
  /** POST /predict body (default a short message). */
  body?: unknown;
}

export interface DrainReport {
  sent: number;
  ok: number;
  /** Requests that got an error or a non-200 status, by reason (`ECONNRESET`, `HTTP 503`, …). */
  failures: Record<string, number>;
  /** Requests sent once readiness had failed (so the service was draining), and those answered without `Connection: close`. */
  sentWhileDraining: number;
  keptAliveWhileDraining: number;
  /** Milliseconds from `stop` to the first 503 from /health/ready (undefined: never seen). */
  readiness503AfterMs: number | undefined;
}

interface Outcome {
  status: number;
  connection: string | undefined;
}

function post(agent: Agent, url: URL, payload: string, socketPath?: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, socketPath, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        res.resume();
        res.once('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(payload);
  });
}

function readinessStatus(url: URL, socketPath?: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, socketPath, timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(0));
    req.end();
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Run the load, call `stop`, keep routing until readiness has failed for `reactionMs`, then report. */
export async function probeDrain(options: DrainProbeOptions): Promise<DrainReport> {
  const connections = options.connections ?? 16;
  const warmup = options.warmup ?? connections * 10;
  const until = Date.now() + (options.maxMs ?? 30_000);
  const maxRequests = options.maxRequests ?? 20_000;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const predict = new URL('/predict', options.url);
  const payload = JSON.stringify(options.body ?? { text: 'Free money now!!! Click here' });
  const report: DrainReport = {
    sent: 0,
    ok: 0,
    failures: {},
    sentWhileDraining: 0,
    keptAliveWhileDraining: 0,
    readiness503AfterMs: undefined,
  };
  let routing = true;
  let draining = false;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (routing && report.sent < maxRequests && Date.now() < until) {
      report.sent += 1;
      const whileDraining = draining;
      try {
        const { status, connection } = await post(agent, predict, payload, options.socketPath);
        if (status === 200) report.ok += 1;
        else report.failures[`HTTP ${status}`] = (report.failures[`HTTP ${status}`] ?? 0) + 1;
        if (whileDraining) {
          report.sentWhileDraining += 1;
          if (connection?.toLowerCase() !== 'close') report.keptAliveWhileDraining += 1;
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        report.failures[code] = (report.failures[code] ?? 0) + 1;
      }
      done += 1;
    }
  };
  const workers = Array.from({ length: connections }, worker);
  try {
    while (done < warmup && Date.now() < until) await sleep(10);
    await balancer(options, report, until, () => (draining = true));
    routing = false;
    await Promise.all(workers);
  } finally {
    routing = false;
    agent.destroy();
  }
  return report;
}

/** Stop the service, then poll readiness like a load balancer until it has failed for `reactionMs`. */
async function balancer(options: DrainProbeOptions, report: DrainReport, until: number, onDraining: () => void): Promise<void> {
  const stoppedAt = Date.now();
  const stopped = Promise.resolve(options.stop());
  const ready = new URL('/health/ready', options.url);
  while (Date.now() < until) {
    const status = await readinessStatus(ready, options.socketPath);
    if (status !== 200) {
      if (status === 503) {
        report.readiness503AfterMs = Date.now() - stoppedAt;
        onDraining();
      }
      break;
    }
    await sleep(options.pollMs ?? 50);
  }
  await sleep(options.reactionMs ?? 300);
  await stopped;
}
