import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from './config';
import type { PredictionObserver, Predictor, ServiceDeps } from './contracts';
import { errorHandler, toHttpError, type ErrorObserver } from './errors';
import { createLogger, logRequest, onRequestClosed } from './logging';
import { createMetrics, type ServiceMetrics } from './metrics';
import { jsonBody } from './json-body';
import { RouteTable } from './routing';
import * as routes from './routes';
import { pageHandlers } from './static';

/** The configuration the app itself reads (the rest is for `start`). */
export type AppConfig = Pick<Config, 'modelName' | 'adminToken' | 'maxTextChars' | 'maxBodyBytes' | 'maxBatch' | 'maxBatchChars'>;

export interface AppOptions {
  config: AppConfig;
  /** Defaults to a pino logger at `info` on stdout. */
  logger?: Logger;
  /** Export process metrics (CPU, memory, event loop) too. */
  processMetrics?: boolean;
  /**
   * A lab's own routes, mounted before the template's: a lab that writes `POST /predict` itself
   * (lab 01's route, which labs 02, 04 and 05 mount too) answers it instead of the template's route. They get the same JSON body parsing,
   * request log, latency metric, 404/405 fallback and JSON errors as every other route.
   * A route that answers predictions passes each request's to `record`, which counts and logs
   * them exactly as the template's own `POST /predict` does (and shows them to a lab's own
   * prediction metrics), so monitoring sees its traffic.
   */
  routes?: (mount: RouteMount, record: routes.PredictionRecorder) => void;
}

/**
 * Where a lab mounts its routes. A handler answers with `res.json(…)` or throws an `HttpError`
 * (sync or async), which the app sends as `{"error": {"code", "message", "details"?}}`.
 */
export interface RouteMount {
  get(path: string, handler: RequestHandler): void;
  /** `req.body` is the parsed JSON body (malformed JSON, a wrong type or a big body never reach the handler). */
  post(path: string, handler: RequestHandler): void;
  /** Admin routes: behind the same ADMIN_TOKEN guard and failure limit as `/admin/reload`. */
  admin: Omit<RouteMount, 'admin'>;
}

/** Flipped by `start` on SIGTERM: readiness fails and connections close after their response. */
export interface Lifecycle {
  draining: boolean;
}

/**
 * What `POST /predict` is made of, for a server that answers the route outside Express (the
 * reference service's fast path does): the same logic, observation and error accounting.
 */
export interface PredictRouteParts {
  maxBodyBytes: number;
  /** The route's logic: a parsed body (and `routes.requestOrigin` of the headers) in, the response body out, or an HttpError thrown. */
  answer: routes.PredictAnswer;
  /** Starts the request's log line and latency observation, as the app does for every request. */
  observe: (req: IncomingMessage, res: ServerResponse) => void;
  /** Sees every error answer, as the app's error middleware does. */
  onError: ErrorObserver;
}

export interface ServiceApp {
  /** The service: every route. `start` serves it; add middleware and routes here. */
  app: Express;
  metrics: ServiceMetrics;
  lifecycle: Lifecycle;
  logger: Logger;
  deps: ServiceDeps;
  predictRoute: PredictRouteParts;
}

/**
 * Logs a request and observes its latency when its response closes, labelled by route pattern
 * (never the raw URL: one label value per route keeps the series few). (While draining, `start`
 * closes each connection after its response, whatever serves it.)
 * @param route the route pattern, read once the response has closed
 */
function observeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  route: () => string,
  { logger, metrics }: { logger: Logger; metrics: ServiceMetrics },
): void {
  onRequestClosed(req, res, (record) => {
    if (record.completed) {
      metrics.requestDuration.observe(
        { method: record.method, route: route(), status_code: record.statusCode },
        record.responseTimeMs / 1000,
      );
    }
    logRequest(logger, record);
  });
}

function readiness(deps: ServiceDeps, lifecycle: Lifecycle): RequestHandler {
  return (_req, res) => {
    if (lifecycle.draining) {
      res.status(503).json({ status: 'not_ready', reason: 'shutting down' });
      return;
    }
    try {
      const model = deps.models.current();
      if (model) res.json({ status: 'ready', model: model.info });
      else res.status(503).json({ status: 'not_ready', reason: 'no model loaded yet' });
    } catch (err) {
      res.status(503).json({ status: 'not_ready', reason: err instanceof Error ? err.message : 'model unavailable' });
    }
  };
}

/**
 * The predictor, showing every batch it answers to a lab's own metrics. Wrapping the predictor
 * (rather than the route) means only real predictions are observed: a request that fails
 * validation or finds no model never reaches it.
 */
function observedPredictor(predictor: Predictor, observe: PredictionObserver): Predictor {
  return {
    predict(model, texts) {
      const predictions = predictor.predict(model, texts);
      observe(model.info, predictions);
      return predictions;
    },
  };
}

/**
 * A lab's own metrics on the app's registry. Still a starter stub (or a `NotImplementedError`),
 * they are left out with a warning, the way a hole answers 501 instead of crashing: the rest of
 * the service runs. Any other error is a bug and stops `createApp`.
 */
function labPredictionObserver(deps: ServiceDeps, registry: Registry, logger: Logger): PredictionObserver | undefined {
  if (!deps.predictionMetrics) return undefined;
  try {
    return deps.predictionMetrics(registry);
  } catch (err) {
    const error = toHttpError(err);
    if (error.code !== 'not_implemented') throw err;
    logger.warn({ details: error.details }, `${error.message} (/metrics shows no metrics of the lab's own until then)`);
    return undefined;
  }
}

/**
 * A drift report takes milliseconds of CPU (statistical tests over the whole window); the gauge
 * recomputes it at most this often however often Prometheus scrapes.
 */
export const DRIFT_REFRESH_MS = 30_000;

/**
 * The drift score the gauge shows: recomputed at scrape time when older than `ms`, and replaced
 * whenever GET /monitoring/drift computes a fresh one (so a scrape never shows an older score).
 */
export class DriftScoreCache {
  private last: { at: number; score: number | undefined } | undefined;

  constructor(
    private readonly ms: number,
    private readonly compute: () => number | undefined,
  ) {}

  current(): number | undefined {
    const now = Date.now();
    if (!this.last || now - this.last.at >= this.ms) this.last = { at: now, score: this.compute() };
    return this.last.score;
  }

  remember(score: number): void {
    this.last = { at: Date.now(), score };
  }
}

/**
 * Build the service: routes, JSON errors, metrics and request logging around the labs' parts.
 * Never listens (see `start` in server.ts), so tests and graders can run it on any port.
 */
export function createApp(deps: ServiceDeps, options: AppOptions): ServiceApp {
  const { config } = options;
  const logger = options.logger ?? createLogger('info');
  const lifecycle: Lifecycle = { draining: false };
  const driftScore = new DriftScoreCache(DRIFT_REFRESH_MS, () => {
    const model = deps.models.current();
    return model ? deps.drift.report(model).score : undefined;
  });
  const metrics = createMetrics({
    processMetrics: options.processMetrics,
    currentModel: () => deps.models.current()?.info,
    refreshDrift: () => driftScore.current(),
  });
  // A lab's own metrics join the template's on one registry, so one scrape shows them all.
  const observe = labPredictionObserver(deps, metrics.registry, logger);
  const predictDeps = observe ? { ...deps, predictor: observedPredictor(deps.predictor, observe) } : deps;
  const limits = { maxTextChars: config.maxTextChars, maxBatch: config.maxBatch, maxBatchChars: config.maxBatchChars };
  const table = new RouteTable();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const observed = { logger, metrics };
  app.use((req, res, next) => {
    observeRequest(req, res, () => (req.route as { path?: string } | undefined)?.path ?? 'unmatched', observed);
    next();
  });

  const get = (path: string, ...handlers: Array<RequestHandler | RequestHandler[]>): void => {
    table.add('GET', path);
    app.get(path, ...handlers);
  };
  const post = (path: string, ...handlers: Array<RequestHandler | RequestHandler[]>): void => {
    table.add('POST', path);
    app.post(path, ...handlers);
  };
  const body = jsonBody(config.maxBodyBytes);
  const answerPredict = routes.predictAnswer(predictDeps, limits, metrics);
  const admin = routes.adminGuard(deps, config.adminToken, metrics);
  // A lab's route records what the template's route records; the lab's own metrics see it here,
  // since its predictions do not pass through the observed predictor.
  const recordLabPredictions: routes.PredictionRecorder = (model, texts, predictions) => {
    observe?.(model.info, predictions);
    routes.recordPredictions(deps, metrics, model, texts, predictions);
  };
  // Before the template's routes, so a lab's route of the same method and path is the one that answers.
  options.routes?.(
    {
      get,
      post: (path, handler) => post(path, body, handler),
      admin: { get: (path, handler) => get(path, admin, handler), post: (path, handler) => post(path, admin, body, handler) },
    },
    recordLabPredictions,
  );
  // The hot route first: Express tries routes in order, so /predict matches without scanning the rest.
  post('/predict', body, routes.predictHandler(answerPredict));
  for (const [path, handler] of pageHandlers()) get(path, handler);
  get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  get('/health/ready', readiness(deps, lifecycle));
  get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.end(await metrics.registry.metrics());
  });
  get('/models/current', routes.currentModelHandler(deps));
  get('/models', routes.listModelsHandler(deps, config.modelName));
  // The gauge reads the cache at scrape time, so remembering the score is enough.
  get(
    '/monitoring/drift',
    routes.driftHandler(deps, (score) => driftScore.remember(score)),
  );
  post('/admin/reload', admin, body, routes.reloadHandler(deps));
  post('/admin/rollback', admin, body, routes.rollbackHandler(deps));

  const onError: ErrorObserver = (error, cause) => {
    metrics.errors.inc({ code: error.code });
    if (error.status >= 500 && error.status !== 501 && error.status !== 503) logger.error({ err: cause }, 'request failed');
  };
  app.use(table.fallback());
  app.use(errorHandler(onError));

  const predictRoute: PredictRouteParts = {
    maxBodyBytes: config.maxBodyBytes,
    answer: answerPredict,
    observe: (req, res) => observeRequest(req, res, () => '/predict', observed),
    onError,
  };
  return { app, metrics, lifecycle, logger, deps, predictRoute };
}
