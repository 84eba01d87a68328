import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, type ErrorObserver } from './errors';
import { readJsonBody } from './json-body';
import { sendJson } from './respond';
import type { PredictResponse } from './routes';

/**
 * `POST /predict` served by node's HTTP server directly, in front of Express.
 *
 * Why: a prediction costs microseconds, and Express's per-request machinery (request and response
 * prototypes, the router's layer walk, `res.json`) cost more than everything else the service
 * does for the request: served through Express it took 355 µs of CPU per request, served here
 * 206 µs (`npm run bench -- api-overhead`; the server-template README has the table).
 *
 * Only the framework is skipped: this path runs the same body reader, validator, predictor,
 * metrics, request log and JSON errors as the Express route, which stays for every other
 * spelling of the route (`/predict/`, `/PREDICT`) and for apps served without this front.
 * A test sends the same requests both ways and compares the answers byte for byte.
 */

/** The requests this path takes: POST /predict, with or without a query string. */
export function isPredictRequest(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url;
  return url === '/predict' || (url !== undefined && url.startsWith('/predict?'));
}

export interface PredictPathParts {
  maxBodyBytes: number;
  /** The route's logic: a parsed body in, the response body out, or an HttpError thrown. */
  answer: (body: unknown) => PredictResponse;
  /** Starts the request's log line and latency observation (the app's request observer). */
  observe: (req: IncomingMessage, res: ServerResponse) => void;
  /** Sees every error answer, like the app's error middleware does. */
  onError: ErrorObserver;
}

export function predictPath(parts: PredictPathParts): (req: IncomingMessage, res: ServerResponse) => void {
  const fail = (res: ServerResponse, err: unknown): void => {
    // Past the headers an error cannot be told any more; cut the connection as Express would.
    if (res.headersSent) res.destroy();
    else sendError(res, err, parts.onError);
  };
  return (req, res) => {
    try {
      parts.observe(req, res);
    } catch (err) {
      // Express would catch this in its router; here nothing above us would, and the process would exit.
      fail(res, err);
      return;
    }
    readJsonBody(req, parts.maxBodyBytes, (error, body) => {
      if (error) {
        fail(res, error);
        return;
      }
      let response: PredictResponse;
      try {
        response = parts.answer(body);
      } catch (err) {
        fail(res, err);
        return;
      }
      sendJson(res, 200, response);
    });
  };
}
