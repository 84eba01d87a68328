/**
 * Lab 01's service: the template's app with your registry and your `POST /predict` route (the
 * other holes stay 501 until their labs). It serves your own model from notebook 04 when this
 * lab's `models/spam/` holds one, else the course's reference `models/spam/1.0.0`.
 * `npm run check` starts it through `createLabApp`, sometimes over a models folder of its own.
 *
 * Your route is the service's route from here on: labs 02, 04 and 05 mount it with their own
 * parts (`PredictParts`: lab 02's validator, lab 05's registry; lab 04's log and metrics are the
 * `record` it calls), so what you write here answers every later lab's traffic.
 */
import type { Request, RequestHandler, Response } from 'express';
import pino from 'pino';
import { loadArtifact } from '../../../mlkit/artifact';
import { type AppOptions, createApp } from '../../../server-template/src/app';
import { type Config, loadConfig } from '../../../server-template/src/config';
import type { LoadedModel, ModelRegistry, RequestLimits, RequestValidator } from '../../../server-template/src/contracts';
import { type PredictionRecorder, requestOrigin } from '../../../server-template/src/routes';
import { holeDeps, withoutVersioning } from '../../../server-template/src/holes';
// TODO(lab-01-ship-the-model): import predictTexts, and HttpError for the 503
import { type EntrySpec, writeModelsFolder } from './model-store';
import { servedModelsDir } from './models-folder';
import { DiskModelRegistry } from './registry';
import { basicValidator } from './request';

/**
 * What your route calls besides the request: the service's parts. Lab 01 passes its own; the
 * later labs pass theirs, so the same route runs with a hardened validator or a versioned registry.
 */
export interface PredictParts {
  /**
   * `current()` is the model that answers now; `undefined` before the first load. A release
   * registry (canary, shadow) also has `modelFor` and `answered`: `predictRoute` honours them.
   */
  models: Pick<ModelRegistry, 'current' | 'modelFor' | 'answered'>;
  /** Reads the body or throws an `HttpError`: your `parsePredictBody` here (`basicValidator`), lab 02's validator later. */
  validator: RequestValidator;
  /** The limits the validator enforces (`requestLimits(config)`). */
  limits: RequestLimits;
}

/** The configuration's request limits, as the validator takes them. */
export function requestLimits(config: Pick<Config, 'maxTextChars' | 'maxBatch' | 'maxBatchChars'>): RequestLimits {
  return { maxTextChars: config.maxTextChars, maxBatch: config.maxBatch, maxBatchChars: config.maxBatchChars };
}

/**
 * `POST /predict`. `req.body` is the parsed JSON (the template answers malformed JSON itself).
 * - `{"text": "…"}` → `{"prediction", "probability", "model": {"name", "version"}}`;
 * - `{"instances": [{"text": "…"}, …]}` → `{"predictions": [{"prediction", "probability"}, …], "model"}`,
 *   one per instance, in the order sent;
 * - read the body with `parts.validator.parsePredict(req.body, parts.limits)`: a bad body makes it
 *   throw an `HttpError` (400, or 413 from lab 02 on), which you let through; no model loaded →
 *   throw `HttpError` 503 `model_not_ready`. The app sends a thrown `HttpError` as
 *   `{"error": {"code", "message"}}`.
 * - every answered request's predictions go to `record(model, texts, predictions)`, once: the
 *   template counts them in /metrics and writes them to the prediction log, as its own route
 *   does, so monitoring (lab 04) sees the traffic your route answers. A refused request records nothing.
 * @param parts the validator and limits that read the body, and the registry whose `current()` answers
 * @param record the template's recorder (`createApp`'s `routes` option hands it over)
 */
export function handlePredict(parts: PredictParts, req: Request, res: Response, record: PredictionRecorder): void {
  void [parts, req, res, record]; // your inputs
  throw new Error("lab-01-ship-the-model: not implemented — parts.validator.parsePredict(req.body, parts.limits), then parts.models.current() (503 when none), predictTexts once, record(model, texts, predictions), res.json the single or batch shape with the model's name and version");
}

/** Your route as an Express handler over `parts`, recording through `record`. */
export function predictRoute(parts: PredictParts, record: PredictionRecorder): RequestHandler {
  const { models } = parts;
  if (!models.modelFor && !models.answered) return (req, res) => handlePredict(parts, req, res, record);
  // A release answers some requests with a candidate, chosen by their texts and X-User-Id, and
  // watches every answer. Your route asks `current()` after reading the body, so `current()` here
  // is the release's choice for this request, and `record` also shows the answer to the release.
  return (req, res) => {
    const origin = requestOrigin(req.headers);
    let texts: readonly string[] | undefined;
    const validator: RequestValidator = {
      parsePredict: (body, limits) => {
        const request = parts.validator.parsePredict(body, limits);
        texts = request.texts;
        return request;
      },
    };
    const current = (): LoadedModel | undefined => (texts && models.modelFor?.(texts, origin)) ?? models.current();
    const recordAndShow: PredictionRecorder = (model, answered, predictions) => {
      record(model, answered, predictions);
      models.answered?.({ model, texts: answered, predictions, origin });
    };
    handlePredict({ ...parts, validator, models: { current } }, req, res, recordAndShow);
  };
}

/**
 * `createApp`'s `routes` option: your `POST /predict` over `parts`, fed to the template's metrics
 * and prediction log. Labs 02, 04 and 05 mount it too, with their parts.
 */
export function labRoutes(parts: PredictParts): NonNullable<AppOptions['routes']> {
  return (mount, record) => mount.post('/predict', predictRoute(parts, record));
}

export interface LabAppOptions {
  /**
   * Serve a fresh models folder holding these entries (the checks' versions) instead of your
   * export or the reference.
   */
  entries?: EntrySpec[];
  /**
   * Start with no model answering, as a service is for a moment: `'not-loaded'` loads nothing
   * (before its first load finishes); `'load-failed'` serves a folder whose only version fails
   * its checksum and starts anyway (after a first load that failed). `POST /predict` must then
   * answer 503 `model_not_ready`, never a 500 or no answer.
   */
  noModel?: 'not-loaded' | 'load-failed';
}

/**
 * Builds the app and loads the latest model of the folder it serves.
 * @returns the Express app, ready to answer `POST /predict`
 */
export async function createLabApp(options: LabAppOptions = {}): Promise<unknown> {
  const config = loadConfig({});
  const entries: EntrySpec[] | undefined = options.noModel === 'load-failed' ? [{ name: '1.0.0', kind: 'corrupt' }] : options.entries;
  const modelsDir = entries
    ? writeModelsFolder(config.modelsDir, config.modelName, entries)
    : servedModelsDir(config.modelsDir, config.modelName);
  const models = new DiskModelRegistry({ modelsDir, name: config.modelName, openArtifact: loadArtifact });
  // The failed load is the situation asked for: the app starts without a model, as a service does.
  if (options.noModel === 'load-failed') await models.load().catch(() => undefined);
  else if (options.noModel !== 'not-loaded') await models.load();
  const deps = holeDeps({ models: withoutVersioning(models) });
  const routes = labRoutes({ models, validator: basicValidator, limits: requestLimits(config) });
  return createApp(deps, { config, logger: pino({ level: 'silent' }), routes }).app;
}
