/**
 * Lab 01's service: the template's app with your registry and your `POST /predict` route (the
 * other holes stay 501 until their labs). It serves your own model from notebook 04 when this
 * lab's `models/spam/` holds one, else the course's reference `models/spam/1.0.0`.
 * `npm run check` starts it through `createLabApp`, sometimes over a models folder of its own.
 */
import type { Request, RequestHandler, Response } from 'express';
import pino from 'pino';
import { loadArtifact } from '../../../mlkit/artifact';
import { type AppOptions, createApp } from '../../../server-template/src/app';
import { loadConfig } from '../../../server-template/src/config';
import type { ModelRegistry } from '../../../server-template/src/contracts';
import type { PredictionRecorder } from '../../../server-template/src/routes';
import { holeDeps, withoutVersioning } from '../../../server-template/src/holes';
// TODO(lab-01-ship-the-model): import your parsePredictBody and predictTexts, and HttpError for the 503
import { type EntrySpec, writeModelsFolder } from './model-store';
import { servedModelsDir } from './models-folder';
import { DiskModelRegistry } from './registry';

/**
 * `POST /predict`. `req.body` is the parsed JSON (the template answers malformed JSON itself).
 * - `{"text": "…"}` → `{"prediction", "probability", "model": {"name", "version"}}`;
 * - `{"instances": [{"text": "…"}, …]}` → `{"predictions": [{"prediction", "probability"}, …], "model"}`,
 *   one per instance, in the order sent;
 * - a bad body → throw your parser's `HttpError` 400; no model loaded → throw `HttpError` 503
 *   `model_not_ready`. The app sends a thrown `HttpError` as `{"error": {"code", "message"}}`.
 * - every answered request's predictions go to `record(model, texts, predictions)`, once: the
 *   template counts them in /metrics and writes them to the prediction log, as its own route
 *   does, so monitoring (lab 04) sees the traffic your route answers.
 * @param models the registry; `current()` is the model that answers now
 * @param record the template's recorder (`createApp`'s `routes` option hands it over)
 */
export function handlePredict(models: Pick<ModelRegistry, 'current'>, req: Request, res: Response, record: PredictionRecorder): void {
  void [models, req, res, record]; // your inputs
  throw new Error("lab-01-ship-the-model: not implemented — parsePredictBody(req.body), then models.current() (503 when none), predictTexts once, record(model, texts, predictions), res.json the single or batch shape with the model's name and version");
}

/** Your route as an Express handler over `models`, recording through `record`. */
export function predictRoute(models: Pick<ModelRegistry, 'current'>, record: PredictionRecorder): RequestHandler {
  return (req, res) => handlePredict(models, req, res, record);
}

/** `createApp`'s `routes` option for lab 01: your `POST /predict`, fed to the template's metrics and prediction log. */
export function labRoutes(models: Pick<ModelRegistry, 'current'>): NonNullable<AppOptions['routes']> {
  return (mount, record) => mount.post('/predict', predictRoute(models, record));
}

export interface LabAppOptions {
  /**
   * Serve a fresh models folder holding these entries (the checks' versions) instead of your
   * export or the reference.
   */
  entries?: EntrySpec[];
}

/**
 * Builds the app and loads the latest model of the folder it serves.
 * @returns the Express app, ready to answer `POST /predict`
 */
export async function createLabApp(options: LabAppOptions = {}): Promise<unknown> {
  const config = loadConfig({});
  const modelsDir = options.entries
    ? writeModelsFolder(config.modelsDir, config.modelName, options.entries)
    : servedModelsDir(config.modelsDir, config.modelName);
  const models = new DiskModelRegistry({ modelsDir, name: config.modelName, openArtifact: loadArtifact });
  await models.load();
  const deps = holeDeps({ models: withoutVersioning(models) });
  return createApp(deps, { config, logger: pino({ level: 'silent' }), routes: labRoutes(models) }).app;
}
