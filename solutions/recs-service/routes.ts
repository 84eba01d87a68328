/**
 * The recommendation routes, mounted on the template's app through its `routes` option, so they
 * get its request log, latency histogram, 404/405 fallback and JSON errors.
 */
import * as path from 'node:path';
import type { RequestHandler } from 'express';
import type { RouteMount } from '../../server-template/src/app';
import type { ModelInfo, ServiceDeps } from '../../server-template/src/contracts';
import { requireModel } from '../../server-template/src/routes';
import { pageHandlers } from '../../server-template/src/static';
import { servedRecommender } from './artifact';
import type { RecsServedCounter } from './recs-metrics';
import { parseBatch, parseUserQuery, queryOf } from './request';
import type { Ranked, ScoredItem } from './served-model';

/** One user's answer, as `GET /recommendations` sends it. */
export interface UserRecommendations {
  user: number;
  items: ScoredItem[];
  /** "popularity" when the model does not know the user and the most popular items answer. */
  fallback: Ranked['fallback'];
}

export type RecommendationsResponse = UserRecommendations & { model: ModelInfo };

export interface RecsRouteDeps {
  /** The app's dependencies: `models` is the registry answering. */
  service: ServiceDeps;
  served: RecsServedCounter;
  /** Most users in one `POST /recommendations`. */
  maxBatch: number;
}

/** The page's files (index.html, app.js, style.css) from this folder's `public/`. */
export const RECS_PUBLIC_DIR = path.join(__dirname, 'public');

/** Answers each user with the model that is current now (one model for the whole request). */
function answer(deps: RecsRouteDeps, users: readonly number[], k: number): { model: ModelInfo; answers: UserRecommendations[] } {
  const loaded = requireModel(deps.service);
  const recommender = servedRecommender(loaded);
  const model = { name: loaded.info.name, version: loaded.info.version };
  const answers = users.map((user) => ({ user, ...recommender.recommend(user, k) }));
  for (const a of answers) deps.served.inc({ model_version: model.version, fallback: a.fallback ? 'true' : 'false' });
  return { model, answers };
}

export function getRecommendations(deps: RecsRouteDeps): RequestHandler {
  return (req, res) => {
    const { user, k } = parseUserQuery(queryOf(req.originalUrl), ['user', 'k']);
    const { model, answers } = answer(deps, [user], k);
    res.json({ ...answers[0], model } satisfies RecommendationsResponse);
  };
}

export function postRecommendations(deps: RecsRouteDeps): RequestHandler {
  return (req, res) => {
    const { users, k } = parseBatch(req.body, deps.maxBatch);
    const { model, answers } = answer(deps, users, k);
    res.json({ recommendations: answers, model });
  };
}

/** `GET /history?user=U`: what the user interacted with in the model's training window. */
export function getHistory(deps: Pick<RecsRouteDeps, 'service'>): RequestHandler {
  return (req, res) => {
    const { user } = parseUserQuery(queryOf(req.originalUrl), ['user']);
    const loaded = requireModel(deps.service);
    const recommender = servedRecommender(loaded);
    const items = recommender.historyOf(user).map((item) => ({ item, title: recommender.title(item) }));
    res.json({ user, known: items.length > 0, items, model: { name: loaded.info.name, version: loaded.info.version } });
  };
}

/** `GET /models/current`: the answering recommender, its training window and test metrics. */
export function currentRecsModel(deps: Pick<RecsRouteDeps, 'service'>): RequestHandler {
  return (_req, res) => {
    const loaded = requireModel(deps.service);
    const { created_at, model_kind, training_data, metrics } = loaded.metadata;
    res.json({
      name: loaded.info.name,
      version: loaded.info.version,
      model_kind: model_kind ?? null,
      created_at: created_at ?? null,
      training_data: training_data ?? null,
      metrics: metrics ?? null,
      known_users: servedRecommender(loaded).knownUsers,
    });
  };
}

/** Mounts every recommendation route and the page (before the template's spam page). */
export function mountRecsRoutes(mount: RouteMount, deps: RecsRouteDeps): void {
  mount.get('/recommendations', getRecommendations(deps));
  mount.post('/recommendations', postRecommendations(deps));
  mount.get('/history', getHistory(deps));
  mount.get('/models/current', currentRecsModel(deps));
  for (const [urlPath, handler] of pageHandlers(RECS_PUBLIC_DIR)) mount.get(urlPath, handler);
}
