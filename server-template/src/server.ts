import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceApp } from './app';
import { flushLogs } from './logging';

export interface StartOptions {
  port: number;
  host: string;
  /** After this many milliseconds of draining, open connections are cut. */
  shutdownTimeoutMs: number;
  /** Runs after the last connection closed (flush the prediction log, close files). */
  onClosed?: () => void | Promise<void>;
}

export interface RunningServer {
  server: Server;
  /** e.g. `http://127.0.0.1:3000` */
  url: string;
  port: number;
  /** Readiness fails at once, in-flight requests finish, then the server closes. Idempotent. */
  shutdown(): Promise<void>;
}

/** The only place that listens. Resolves once the port is bound. */
export function start(service: ServiceApp, options: StartOptions): Promise<RunningServer> {
  const server = createServer(service.handler);
  // Longer than a typical proxy's idle timeout, so the proxy closes first and never races us.
  server.keepAliveTimeout = 65_000;
  let closing: Promise<void> | undefined;

  const shutdown = (): Promise<void> => {
    closing ??= drain(server, service, options);
    return closing;
  };

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

async function drain(server: Server, service: ServiceApp, options: StartOptions): Promise<void> {
  service.lifecycle.draining = true;
  service.logger.info('shutting down: readiness fails, finishing in-flight requests');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections turn idle once their response is sent; close them as they do.
  const sweep = setInterval(() => server.closeIdleConnections(), 25);
  const deadline = setTimeout(() => {
    service.logger.warn('shutdown timeout: closing the remaining connections');
    server.closeAllConnections();
  }, options.shutdownTimeoutMs);
  server.closeIdleConnections();
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
  await options.onClosed?.();
  service.logger.info('shut down');
  await flushLogs(service.logger);
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
