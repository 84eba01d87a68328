/**
 * Shared by lab 06's checks: calls into the learner's files, the models fitted by the learner's
 * own `fitItemItem` on the mini-log (once per submission), the served app, and what the course's
 * rules give — computed here from the learner's own parts and the toolkit, so a check on the gate
 * tests the gate, not the split or the model underneath it.
 */
import { excerpt, once, requestJson, servedApp, submission, type JsonResponse } from '../../../grading/harness';
import { ItemKnnRecommender } from '../../../mlkit/recsys/item-knn';
import { toInteractions } from '../../../mlkit/recsys/interactions';
import type { LogEvent } from '../../../mlkit/recsys/types';
import { type Interval, pairedGain, USER_BOOTSTRAP } from '../../../mlkit/recsys/user-bootstrap';
import { miniLog, month } from './mini-log';

export const SPLIT = 'src/split.ts';
export const METRICS = 'src/metrics.ts';
export const ITEM_ITEM = 'src/item-item.ts';
export const QUERY = 'src/query.ts';
export const APP = 'src/app.ts';
export const GATE = 'src/gate.ts';
export const EVALUATE = 'src/evaluate.ts';

export const call = (file: string, fn: string, ...args: unknown[]): Promise<unknown> => submission().call(file, fn, args);

export const LOG = miniLog();
/** The mini-log's events up to the end of month `m` of 2010 (1 = January), in log order. */
export const through = (m: number): LogEvent[] => LOG.filter((e) => e.ts < month(m + 1));

/** Whatever the learner's model is: it travels as JSON between their functions. */
export type Model = unknown;

/** The learner's `fitItemItem` on the mini-log through month `m`, fitted once per submission. */
export function modelThrough(m: number): Promise<Model> {
  return once(`model through ${m}`, () => call(ITEM_ITEM, 'fitItemItem', through(m)));
}

export interface Recommendation {
  items: number[];
  fallback: string | null;
}

export async function recommend(model: Model, user: number, k: number, exclude?: number[]): Promise<Recommendation> {
  const args = exclude === undefined ? [model, user, k] : [model, user, k, exclude];
  const answer = (await call(ITEM_ITEM, 'recommendItemItem', ...args)) as Partial<Recommendation> | null;
  if (!Array.isArray(answer?.items))
    throw new Error(
      `recommendItemItem(model, ${user}, ${k}) must answer {items: number[], fallback}, got ${JSON.stringify(answer)?.slice(0, 200)}`,
    );
  return answer as Recommendation;
}

/** The toolkit's item–item lists on the same data: what the learner's must equal. */
export function toolkitList(train: readonly LogEvent[], user: number, k: number): number[] {
  return ItemKnnRecommender.fit(toInteractions(train), { neighbours: 20 }).recommend(user, k);
}

/** An artifact as the gate receives it. */
export const artifact = (model: Model, through: string, metrics?: Record<string, number>): Record<string, unknown> => ({
  model,
  metadata: { version: `through ${through}`, trained_through: through, ...(metrics ? { metrics } : {}) },
});

export interface Verdict {
  promote: boolean;
  month: string;
  users: number;
  current: number;
  candidate: number;
  gain: Interval;
}

export async function gate(current: unknown, candidate: unknown, k?: number): Promise<Verdict> {
  const args = k === undefined ? [LOG, current, candidate] : [LOG, current, candidate, { k }];
  const v = (await call(GATE, 'gateCandidate', ...args)) as Verdict | null;
  if (typeof v?.promote !== 'boolean' || typeof v.gain?.low !== 'number')
    throw new Error(
      `gateCandidate must answer {promote, month, users, current, candidate, gain: {estimate, low, high}}, got ${JSON.stringify(v)?.slice(0, 200)}`,
    );
  return v;
}

/**
 * The course's rule on the learner's own parts: their split of the month after `candidateThrough`,
 * their per-user recall of both models, the toolkit's paired bootstrap (1,000 resamples, seed 0).
 */
export async function expectedVerdict(current: Model, candidate: Model, candidateThrough: string, k = 10): Promise<Verdict> {
  const theirs = (await call(SPLIT, 'splitByMonth', LOG, candidateThrough)) as { testMonth: string };
  const before = (await call(EVALUATE, 'userScores', theirs, current, k)) as { users: number[]; recall: number[] };
  const after = (await call(EVALUATE, 'userScores', theirs, candidate, k)) as { users: number[]; recall: number[] };
  const average = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
  const interval = pairedGain(before.recall, after.recall, USER_BOOTSTRAP);
  // The rule: measurably better, the lower bound of the paired interval above 0.
  return {
    promote: interval.low > 0,
    month: theirs.testMonth,
    users: before.users.length,
    current: average(before.recall),
    candidate: average(after.recall),
    gain: interval,
  };
}

/** `GET path` on the learner's app serving a model fitted on the mini-log through March. */
export async function get(path: string): Promise<JsonResponse> {
  const socket = await servedApp(APP, 'createLabApp', [through(3), '2010.3.0'], { startMs: 15_000 });
  return requestJson(socket, 'GET', path);
}

/** Asserts a 400 `invalid_request` whose `error.details` name `field`. */
export function expect400(res: JsonResponse, what: string, field: string): void {
  const error = res.body['error'] as { code?: unknown; details?: unknown } | undefined;
  const details = error?.details;
  const named = Array.isArray(details) ? (details as { field?: unknown }[]).map((d) => d?.field) : [];
  if (res.status !== 400 || error?.code !== 'invalid_request' || !named.includes(field))
    throw new Error(`${what}: expected HTTP 400 invalid_request with error.details naming "${field}", got ${res.status} ${excerpt(res)}`);
}

/** Asserts a 200 answer with `items` as a list, and returns it. */
export function expect200(res: JsonResponse, what: string): { user: unknown; items: number[]; fallback: unknown; model: unknown } {
  if (res.status !== 200 || !Array.isArray(res.body['items']))
    throw new Error(`${what}: expected HTTP 200 with items, got ${res.status} ${excerpt(res)}`);
  return res.body as unknown as { user: unknown; items: number[]; fallback: unknown; model: unknown };
}
