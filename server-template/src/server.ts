import { createServer, type RequestListener, type Server } from 'node:http';
import { Server as NetServer, type AddressInfo } from 'node:net';
import type { ServiceApp } from './app';
import { onClientError } from './client-errors';
import { ConnectionTracker, type ConnectionCounts } from './connections';
import { flushLogs } from './logging';

export interface StartOptions {
  port: number;
  host: string;
  /**
   * Bound on the whole shutdown, from the signal: the drain delay, then in-flight requests;
   * connections still open then are cut.
   */
  shutdownTimeoutMs: number;
  /**
   * After the signal, keep accepting connections this long with readiness failing, so load
   * balancers see the 503 and stop routing here before the port closes (default 0).
   */
  drainDelayMs?: number;
  /** Time to receive a whole request, headers and body (default 15 s): a slow body cannot hold a connection. */
  requestTimeoutMs?: number;
  /** Time to receive the request headers (default 10 s). */
  headersTimeoutMs?: number;
  /** Runs after the last connection closed (flush the prediction log, close files). */
  onClosed?: () => void | Promise<void>;
  /** What the server answers with (default: `service.app`); a front such as a fast path may wrap it. */
  listener?: RequestListener;
}

export interface RunningServer {
  server: Server;
  /** e.g. `http://127.0.0.1:3000` */
  url: string;
  port: number;
  /** Readiness fails at once, in-flight requests finish, then the server closes. Idempotent. */
  shutdown(): Promise<void>;
}

/** How often node checks the request and headers timeouts (its default, 30 s, would let them overrun by as much). */
const TIMEOUT_CHECK_MS = 1_000;

/** The only place that listens. Resolves once the port is bound. */
export function start(service: ServiceApp, options: StartOptions): Promise<RunningServer> {
  const listener = options.listener ?? service.app;
  const tracker = new ConnectionTracker();
  const server = createServer(
    {
      requestTimeout: options.requestTimeoutMs ?? 15_000,
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      connectionsCheckingInterval: TIMEOUT_CHECK_MS,
    },
    (req, res) => {
      tracker.onRequest(req, res);
      // Whatever serves the request, a draining server closes the connection after it.
      if (service.lifecycle.draining) res.setHeader('Connection', 'close');
      listener(req, res);
    },
  );
  tracker.watch(server);
  // Longer than a typical proxy's idle timeout, so the proxy closes first and never races us.
  server.keepAliveTimeout = 65_000;
  server.on('clientError', onClientError);
  let closing: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    closing ??= drain(server, tracker, service, options);
    return closing;
  };
  return listen(server, service, options, shutdown);
}

function listen(server: Server, service: ServiceApp, options: StartOptions, shutdown: () => Promise<void>): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      service.logger.info({ port, host: options.host }, 'listening');
      resolve({ server, url: `http://${host}:${port}`, port, shutdown });
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fail readiness, keep accepting for the drain delay, stop listening, close kept-alive sockets
 * only between requests, wait for in-flight requests, cut what is left at the deadline.
 */
async function drain(server: Server, tracker: ConnectionTracker, service: ServiceApp, options: StartOptions): Promise<void> {
  const began = Date.now();
  const drainDelayMs = Math.min(options.drainDelayMs ?? 0, options.shutdownTimeoutMs);
  service.lifecycle.draining = true;
  tracker.closeAfterResponses();
  const atSignal = tracker.counts();
  service.logger.info(
    { ...atSignal, drainDelayMs, shutdownTimeoutMs: options.shutdownTimeoutMs },
    'shutting down: readiness fails; still accepting for the drain delay',
  );
  // Zero closes the port in this very tick: no new connection slips in.
  if (drainDelayMs > 0) await sleep(drainDelayMs);
  const atClose = tracker.counts();
  const forced = await closeWhenDrained(server, tracker, options.shutdownTimeoutMs - (Date.now() - began));
  if (forced) service.logger.warn({ ...forced }, 'shutdown timeout: cut the connections still open');
  await options.onClosed?.();
  service.logger.info({ atSignal, atListenerClose: atClose, forced: forced ?? null, waitedMs: Date.now() - began }, 'shut down');
  await flushLogs(service.logger);
}

/**
 * Stop listening and resolve once every connection has closed; after `timeoutMs` cut them.
 * @returns what was still open when cut, or undefined when everything finished in time
 */
async function closeWhenDrained(server: Server, tracker: ConnectionTracker, timeoutMs: number): Promise<ConnectionCounts | undefined> {
  // net's close, not http's: http's also destroys the sockets node thinks idle, at once.
  const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
  const sweep = setInterval(() => tracker.closeIdle(), 25);
  let forced: ConnectionCounts | undefined;
  const deadline = setTimeout(
    () => {
      forced = tracker.counts();
      server.closeAllConnections();
    },
    Math.max(0, timeoutMs),
  );
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
  return forced;
}

/**
 * Shut down on SIGTERM / SIGINT and exit (0 when clean). A second signal, or a drain that
 * overruns `shutdownTimeoutMs` by more than a second, exits at once.
 */
export function exitOnSignals(shutdown: () => Promise<void>, shutdownTimeoutMs: number, log: (message: string) => void): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    log(`${signal} received`);
    setTimeout(() => process.exit(1), shutdownTimeoutMs + 1_000).unref();
    shutdown().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
