import type { ErrorRequestHandler } from 'express';

/** The JSON body of every error response: `{"error": {"code", "message", "details"?}}`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** An error that knows its HTTP status and machine-readable code; thrown by handlers and labs. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. `Allow` for 405 or `WWW-Authenticate` for 401. */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.message };
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }
}

/** A hole the labs fill: answers 501 with the lab's id so the learner knows where to go. */
export class NotImplementedError extends HttpError {
  constructor(lab: string, hint: string) {
    super(501, 'not_implemented', `${lab}: not implemented — ${hint}`, { lab });
  }
}

/**
 * Generated lab starters throw `new Error('<lab-id>: not implemented — <hint>')`; those become
 * 501s too, so a half-done lab answers with its hint instead of a 500.
 */
const STUB_MESSAGE = /^(lab-\d\d[a-z0-9-]*): not implemented/;

/** Map anything thrown to an HttpError; unknown errors become a generic 500 (details logged). */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const e = err as { status?: unknown; message?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : '';
  const stub = STUB_MESSAGE.exec(message);
  if (stub) return new HttpError(501, 'not_implemented', message, { lab: stub[1] });
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new HttpError(e.status, 'bad_request', 'The request could not be processed.');
  }
  return new HttpError(500, 'internal', 'Internal server error.');
}

/** Called for every error response (after mapping); the app uses it to count errors by code. */
export type ErrorObserver = (error: HttpError, cause: unknown) => void;

/** Express error middleware: `err` mapped to an HttpError and sent as JSON, never a stack trace. */
export function errorHandler(observe: ErrorObserver): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) {
      // Too late for an error body: Express's final handler cuts the connection.
      next(err);
      return;
    }
    const httpError = toHttpError(err);
    observe(httpError, err);
    res.status(httpError.status);
    if (httpError.headers) res.set(httpError.headers);
    res.json(httpError.toBody());
  };
}
