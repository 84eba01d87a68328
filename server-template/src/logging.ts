import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

/** Longest a log line waits in the buffer before it is written. */
export const LOG_FLUSH_MS = 250;

/**
 * An asynchronous buffered destination: lines are written 4 KB at a time, so that a burst of
 * requests does not block the event loop on terminal writes, and at least every `LOG_FLUSH_MS`
 * (without that, a quiet service — one learner, one request — would show no line at all until
 * 4 KB had piled up or it exited). The timer writes without syncing to disk and never keeps the
 * process alive. (`logger.flush()` on a timer would fsync each time and, under load, turn the
 * 4 KB batches into many small writes.)
 * @param dest a file descriptor (1 is stdout) or a file path
 */
export function bufferedDestination(dest: number | string): DestinationStream {
  return pino.destination({ dest, sync: false, minLength: 4096, periodicFlush: LOG_FLUSH_MS, mkdir: typeof dest === 'string' });
}

/** A JSON logger, by default on stdout through `bufferedDestination`. `flushLogs` before exit. */
export function createLogger(level: LogLevel, destination: DestinationStream = bufferedDestination(1)): Logger {
  return pino({ level, base: { service: 'spam-api' } }, destination);
}

/** Write out buffered log lines (await before the process exits). */
export function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    try {
      logger.flush(() => resolve());
    } catch {
      // A destination that is not ready yet has nothing to flush.
      resolve();
    }
  });
}

// An incoming id is reused (so one id follows a request through a proxy) if it looks harmless.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The request's id: a safe incoming `x-request-id`, else a new UUID; echoed in the response. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** What one finished (or abandoned) request looked like, for logs and metrics. */
export interface RequestRecord {
  id: string;
  method: string;
  /** Path and query as sent; logged, never used as a metric label. */
  url: string;
  statusCode: number;
  /** Milliseconds from the first middleware to the last byte handed to the socket. */
  responseTimeMs: number;
  /** False when the client went away before the response was complete. */
  completed: boolean;
}

/** Level of a request's log line: 5xx errors are `error`, 501/503 (not ready, a hole) `warn`. */
export function levelFor(record: RequestRecord): 'info' | 'warn' | 'error' {
  if (!record.completed || record.statusCode === 501 || record.statusCode === 503) return 'warn';
  return record.statusCode >= 500 ? 'error' : 'info';
}

/**
 * One log line per request with its id, method, url, status and response time. Only those
 * fields: headers and bodies may hold tokens or message text, and would cost time per request.
 */
export function logRequest(logger: Logger, record: RequestRecord): void {
  const level = levelFor(record);
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      req: { id: record.id, method: record.method, url: record.url },
      res: { statusCode: record.statusCode },
      responseTime: Math.round(record.responseTimeMs * 1000) / 1000,
    },
    record.completed ? 'request completed' : 'request aborted',
  );
}

/**
 * Calls `done` once per request, when its response is closed: with the record of a completed
 * response, or of one the client abandoned. One 'close' listener serves logs and metrics alike
 * (per-request listeners and child loggers were a measurable share of a prediction's cost).
 */
export function onRequestClosed(req: IncomingMessage, res: ServerResponse, done: (record: RequestRecord) => void): string {
  const start = performance.now();
  const id = requestId(req, res);
  res.once('close', () => {
    done({
      id,
      method: req.method ?? 'GET',
      url: (req as { originalUrl?: string }).originalUrl ?? req.url ?? '',
      statusCode: res.statusCode,
      responseTimeMs: performance.now() - start,
      completed: res.writableFinished,
    });
  });
  return id;
}
