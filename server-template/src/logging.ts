import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { LogLevel } from './config';

/**
 * A JSON logger. Lines go to stdout through an asynchronous buffered destination so that a
 * burst of requests does not block the event loop on terminal writes; `flushLogs` before exit.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const dest = destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096 });
  return pino({ level, base: { service: 'spam-api' } }, dest);
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

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * One log line per finished request with its id, method, url, status and response time.
 * Serializers are trimmed to those fields: headers and bodies are not logged (they may hold
 * tokens or message text) and would cost time on every request.
 */
export function httpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestId,
    quietReqLogger: true,
    wrapSerializers: false,
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // The error middleware logs real failures with their stack; here the message is enough.
      err: (err: { name?: string; message?: string }) => ({ type: err.name, message: err.message }),
    },
    customLogLevel: (_req, res) => {
      if (res.statusCode === 501 || res.statusCode === 503) return 'warn';
      return res.statusCode >= 500 ? 'error' : 'info';
    },
  });
}
