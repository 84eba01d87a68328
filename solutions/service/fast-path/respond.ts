import type { ServerResponse } from 'node:http';
import { toHttpError, type ErrorObserver } from '../../../server-template/src/errors';

/**
 * Send `body` as JSON with `status`: the bytes and headers Express's `res.json` sends (no ETag,
 * which the app turns off), written with node's own response so that the fast path answers
 * exactly like the app's route does.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: Readonly<Record<string, string>>): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  if (headers) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/** Answer with `err` mapped to an HttpError, as the app's error middleware does. */
export function sendError(res: ServerResponse, err: unknown, observe: ErrorObserver): void {
  const httpError = toHttpError(err);
  observe(httpError, err);
  sendJson(res, httpError.status, httpError.toBody(), httpError.headers);
}
