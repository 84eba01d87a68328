/**
 * The recommendation route on the course's service template: `GET /recommendations?user=U&k=10`
 * answered by your item–item model. The template gives the JSON errors (an `HttpError` thrown in a
 * handler becomes `{"error": {"code", "message", "details"}}` with its status), the 404/405
 * fallback, request logs and metrics; `npm run check` starts the app through `createLabApp`.
 */
import type { RequestHandler } from 'express';
import pino from 'pino';
import { createApp } from '../../../server-template/src/app';
import { loadConfig } from '../../../server-template/src/config';
import type { ModelInfo } from '../../../server-template/src/contracts';
import { holeDeps } from '../../../server-template/src/holes';
import type { LogEvent } from '../../../mlkit/recsys/types';
import { fitItemItem, type ItemItemModel, type Recommendation } from './item-item';
// TODO(lab-06-recommend-products): ./query reads the query string; ./item-item's recommendItemItem answers

/** What `GET /recommendations` answers. */
export interface RecommendationsResponse extends Recommendation {
  /** The user asked about, as a number. */
  user: number;
  model: ModelInfo;
}

/**
 * `GET /recommendations?user=U&k=N`: 200 with {@link RecommendationsResponse}; a user the model
 * does not know gets the popular items with `fallback: "popularity"`; a bad query is a 400 naming
 * the field (read the raw query string: Express turns `?user=1&user=2` into an array).
 */
export function recommendationsRoute(model: ItemItemModel, info: ModelInfo): RequestHandler {
  void [model, info]; // your inputs
  throw new Error("lab-06-recommend-products: not implemented — return (req, res) => { … }: parseUserQuery(queryOf(req.originalUrl), ['user', 'k']), then recommendItemItem(model, user, k); answer { user, items, fallback, model: info }");
}

/**
 * The template's app with the route, serving a model fitted on `train`. Given.
 * @param train training events (the checks pass a small seeded log)
 * @param version the version the answers name
 */
export function createLabApp(train: LogEvent[], version = '2010.3.0'): unknown {
  const config = loadConfig({});
  const model = fitItemItem(train);
  const info: ModelInfo = { name: 'recs', version };
  return createApp(holeDeps(), {
    config,
    logger: pino({ level: 'silent' }),
    routes: (mount) => mount.get('/recommendations', recommendationsRoute(model, info)),
  }).app;
}
