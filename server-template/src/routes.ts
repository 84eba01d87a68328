import type { IncomingHttpHeaders } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { LoadedModel, ModelInfo, Prediction, RequestLimits, RequestOrigin, ServiceDeps } from './contracts';
import { FailureLimiter } from './auth-limit';
import { HttpError } from './errors';
import type { ServiceMetrics } from './metrics';

/** The model answering now, or 503 when none is loaded (a hole's 501 passes through). */
export function requireModel(deps: ServiceDeps): LoadedModel {
  const model = deps.models.current();
  if (!model) throw new HttpError(503, 'model_not_ready', 'No model is loaded yet; try again shortly.');
  return model;
}

/** What `POST /predict` answers: one prediction, or one per instance of a batch. */
export type PredictResponse =
  | { prediction: Prediction['prediction']; probability: number; model: ModelInfo }
  | { predictions: Prediction[]; model: ModelInfo };

/**
 * `POST /predict` without HTTP: a parsed body in, the response body out (or an HttpError thrown).
 * Predictions are counted and logged here, so anything serving the route (the Express route
 * below, or a server in front of the app) answers and records the same way.
 */
export function predictAnswer(deps: ServiceDeps, limits: RequestLimits, metrics: ServiceMetrics): PredictAnswer {
  return (body, origin = {}) => {
    const request = deps.validator.parsePredict(body, limits);
    // A release (canary) may answer this request with another model than current().
    const model = deps.models.modelFor?.(request.texts, origin) ?? requireModel(deps);
    const predictions = deps.predictor.predict(model, request.texts);
    recordPredictions(deps, metrics, model, request.texts, predictions);
    deps.models.answered?.({ model, texts: request.texts, predictions, origin });
    const info = { name: model.info.name, version: model.info.version };
    if (request.kind === 'single') {
      const [p] = predictions;
      if (!p) throw new Error('predictor returned no prediction');
      return { prediction: p.prediction, probability: p.probability, model: info };
    }
    return { predictions, model: info };
  };
}

/** Counts and logs one request's predictions (see {@link recordPredictions}). */
export type PredictionRecorder = (model: LoadedModel, texts: readonly string[], predictions: readonly Prediction[]) => void;

/**
 * What every `POST /predict` answer does, whichever route served it: count the predictions by
 * class (`predictions_total` in /metrics) and write them to the prediction log, one row per text.
 */
export function recordPredictions(
  deps: Pick<ServiceDeps, 'predictionLog'>,
  metrics: Pick<ServiceMetrics, 'predictions'>,
  model: LoadedModel,
  texts: readonly string[],
  predictions: readonly Prediction[],
): void {
  const ts = Date.now();
  for (const p of predictions) metrics.predictions.inc({ class: p.prediction });
  deps.predictionLog.record(
    predictions.map((p, i) => ({ ts, model: model.info, text: texts[i] ?? '', prediction: p.prediction, probability: p.probability })),
  );
}

/** `POST /predict`'s logic: a parsed body (and what else the request says) in, the response body out. */
export type PredictAnswer = (body: unknown, origin?: RequestOrigin) => PredictResponse;

/** What the request's headers say for `/predict`: the `X-User-Id` a canary splits by (a repeated header: the first). */
export function requestOrigin(headers: IncomingHttpHeaders): RequestOrigin {
  const raw = headers['x-user-id'];
  const userId = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return userId ? { userId } : {};
}

/** `POST /predict` as an Express route (after `jsonBody`). */
export function predictHandler(answer: PredictAnswer): RequestHandler {
  return (req, res) => {
    res.json(answer(req.body, requestOrigin(req.headers)));
  };
}

/** `GET /models/current`: what is answering, with the numbers it was accepted on. */
export function currentModelHandler(deps: ServiceDeps): RequestHandler {
  return (_req, res) => {
    const model = requireModel(deps);
    res.json({
      name: model.info.name,
      version: model.info.version,
      threshold: model.threshold,
      created_at: model.metadata['created_at'] ?? null,
      metrics: model.metadata['metrics'] ?? null,
    });
  };
}

/** `GET /models`: versions on disk and which one answers. */
export function listModelsHandler(deps: ServiceDeps, name: string): RequestHandler {
  return async (_req, res) => {
    const versions = await deps.models.versions();
    let current: string | null = null;
    try {
      current = deps.models.current()?.info.version ?? null;
    } catch {
      // Listing works even when loading is still a hole.
    }
    res.json({ name, current, versions });
  };
}

/** `GET /monitoring/drift`: recent traffic against the model's reference statistics. */
export function driftHandler(deps: ServiceDeps, onScore: (score: number) => void): RequestHandler {
  return (_req, res) => {
    const model = requireModel(deps);
    const summary = deps.drift.report(model);
    if (Number.isFinite(summary.score)) onScore(summary.score);
    res.json({ model: model.info, score: summary.score, window: summary.window, report: summary.report });
  };
}

/**
 * Admin routes need ADMIN_TOKEN configured, then the guard's approval (lab 05). Failed
 * authentications are counted per client (its address; behind a proxy, set Express's
 * `trust proxy`): past the limiter's budget, 429 with `Retry-After`, so a token cannot be
 * guessed at network speed.
 */
export function adminGuard(
  deps: ServiceDeps,
  token: string | undefined,
  metrics?: Pick<ServiceMetrics, 'adminAuthFailures'>,
  limiter: FailureLimiter = new FailureLimiter(),
): RequestHandler {
  return (req, _res, next) => {
    if (token === undefined) {
      throw new HttpError(403, 'admin_disabled', 'Admin endpoints are disabled: start the service with ADMIN_TOKEN set.');
    }
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const waitMs = limiter.retryAfterMs(client);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new HttpError(
        429,
        'too_many_requests',
        `Too many failed admin authentications from this client; try again in ${seconds} s.`,
        undefined,
        { 'Retry-After': String(seconds) },
      );
    }
    try {
      deps.admin.authorize(req.headers.authorization, token);
    } catch (err) {
      if (err instanceof HttpError && (err.status === 401 || err.status === 403)) {
        limiter.recordFailure(client);
        metrics?.adminAuthFailures.inc();
      }
      throw err;
    }
    next();
  };
}

const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function requestedVersion(req: Request): string | undefined {
  const body: unknown = req.body;
  if (body === undefined) return undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_request', 'Body must be a JSON object like {"version": "1.0.0"} or empty.');
  }
  if (!Object.hasOwn(body, 'version')) return undefined;
  const version = (body as { version: unknown }).version;
  if (typeof version !== 'string' || !VERSION.test(version)) {
    throw new HttpError(400, 'invalid_request', '"version" must be a version folder name like "1.0.0".', [
      { field: 'version', problem: 'must be a string like "1.0.0"' },
    ]);
  }
  return version;
}

/** `POST /admin/reload` with optional `{"version"}`: swap in that version (or the latest). */
export function reloadHandler(deps: ServiceDeps): RequestHandler {
  return async (req, res) => {
    res.json(await deps.models.reload(requestedVersion(req)));
  };
}

/** `POST /admin/rollback`: swap back to the previous model. */
export function rollbackHandler(deps: ServiceDeps): RequestHandler {
  return async (_req, res) => {
    res.json(await deps.models.rollback());
  };
}
