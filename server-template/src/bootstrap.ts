import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import { createApp, type AppOptions, type ServiceApp } from './app';
import { ConfigError, type Config } from './config';
import type { ServiceDeps } from './contracts';
import { createLogger } from './logging';
import { exitOnSignals, start } from './server';

/** A start-up problem the operator can fix (missing model, corrupt file): printed without a stack. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** A running service. */
export interface ServiceHandle {
  /** e.g. `http://127.0.0.1:3000` */
  url: string;
  port: number;
  service: ServiceApp;
  /** Graceful shutdown: readiness fails, in-flight requests finish, files are closed. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  logger?: Logger;
  /** Export process metrics (default true). */
  processMetrics?: boolean;
  /** What to serve in front of the app (default: the app itself), e.g. a fast path for one route. */
  front?: (service: ServiceApp) => RequestListener;
  /** Routes of the service's own, mounted as `createApp`'s `routes` option mounts them. */
  routes?: AppOptions['routes'];
}

/** Build the app around `deps` and listen as configured. Closing also closes the prediction log. */
export async function launch(config: Config, deps: ServiceDeps, options: LaunchOptions = {}): Promise<ServiceHandle> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const service = createApp(deps, { config, logger, processMetrics: options.processMetrics ?? true, routes: options.routes });
  const running = await start(service, {
    port: config.port,
    host: config.host,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    drainDelayMs: config.drainDelayMs,
    requestTimeoutMs: config.requestTimeoutMs,
    headersTimeoutMs: config.headersTimeoutMs,
    onClosed: () => deps.predictionLog.close(),
    listener: options.front?.(service),
  });
  return { url: running.url, port: running.port, service, close: running.shutdown };
}

/**
 * The body of a `main` entry: start, exit cleanly on SIGTERM/SIGINT, and turn configuration
 * and start-up errors into one readable message and exit code 1.
 */
export function runMain(startService: () => Promise<ServiceHandle>, shutdownTimeoutMs: () => number): void {
  startService().then(
    (handle) => {
      exitOnSignals(handle.close, shutdownTimeoutMs(), (message) => handle.service.logger.info(message));
    },
    (err: unknown) => {
      const known = err instanceof ConfigError || err instanceof StartupError;
      const code = (err as NodeJS.ErrnoException | null)?.code;
      if (known) process.stderr.write(`${(err as Error).message}\n`);
      else if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        process.stderr.write(`Cannot listen: ${(err as Error).message} (set PORT / HOST)\n`);
      } else process.stderr.write(`Unexpected start-up failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
