import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { PredictRouteParts, ServiceApp } from '../../../server-template/src/app';
import { requestOrigin, type PredictResponse } from '../../../server-template/src/routes';
import { readJsonBody } from './read-body';
import { sendError, sendJson } from './respond';

/**
 * The reference service's fast path: `POST /predict` served by node's HTTP server directly, in
 * front of the template's Express app, which answers everything else.
 *
 * Why: a prediction costs microseconds, and Express's per-request machinery (request and
 * response prototypes, the router's layer walk, `res.json`) costs more than everything else the
 * service does for the request (`npm run bench -- api-overhead`; figures in
 * `bench/results/api-overhead.md`).
 *
 * Only the framework is skipped: this path runs the app's own route parts (`predictRoute`: the
 * validator, predictor, metrics, request log and error accounting) with a body reader and JSON
 * writer that follow the template's rules. A test sends the same requests both ways and compares
 * the answers byte for byte, so the app stays the specification.
 */

/** The requests this path takes: POST /predict, with or without a query string. */
export function isPredictRequest(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url;
  return url === '/predict' || url?.startsWith('/predict?') === true;
}

/** `POST /predict` from the route's parts, without Express. */
export function predictPath(parts: PredictRouteParts): (req: IncomingMessage, res: ServerResponse) => void {
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
        response = parts.answer(body, requestOrigin(req.headers));
      } catch (err) {
        fail(res, err);
        return;
      }
      sendJson(res, 200, response);
    });
  };
}

/** The listener `start` serves: the fast path for POST /predict, the app for the rest. */
export function withFastPath(service: ServiceApp): RequestListener {
  const servePredict = predictPath(service.predictRoute);
  return (req, res) => {
    if (isPredictRequest(req)) servePredict(req, res);
    else void service.app(req, res);
  };
}
