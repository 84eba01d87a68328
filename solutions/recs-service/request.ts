/**
 * Reading `GET /recommendations?user=U&k=10`, `GET /history?user=U` and the batch body
 * `{"users": [U, …], "k": 10}`. Every bad input is a 400 `invalid_request` whose `details`
 * name the field and the problem (413 `batch_too_large` for too many users, as the spam API
 * answers an oversized batch), so no bad request reaches the model.
 */
import { HttpError } from '../../server-template/src/errors';
import { MAX_K } from './served-model';

export const DEFAULT_K = 10;

/** Shop user ids: non-negative integers, written plainly (no sign, exponent or leading zero). */
const USER_ID = /^(0|[1-9][0-9]{0,14})$/;
const K_TEXT = /^[0-9]{1,4}$/;

export interface RecsQuery {
  user: number;
  k: number;
}

export interface RecsBatch {
  users: number[];
  k: number;
}

interface Problem {
  field: string;
  problem: string;
}

function invalid(problems: Problem[]): HttpError {
  const text = problems.map((p) => `${p.field} ${p.problem}`).join('; ');
  return new HttpError(400, 'invalid_request', `Invalid request: ${text}.`, problems);
}

const K_PROBLEM = `must be an integer from 1 to ${MAX_K}`;

function kFromText(raw: string, problems: Problem[]): number {
  const k = K_TEXT.test(raw) ? Number(raw) : Number.NaN;
  if (!(k >= 1 && k <= MAX_K)) problems.push({ field: 'k', problem: `${K_PROBLEM}, got ${JSON.stringify(raw.slice(0, 20))}` });
  return k;
}

/** The raw query string of a URL (`/path?a=1` → `a=1`), so repeated names are seen as such. */
export function queryOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

/**
 * @param query the raw query string
 * @param allowed parameter names this route reads (`user`, and `k` for recommendations)
 */
export function parseUserQuery(query: string, allowed: readonly ('user' | 'k')[]): RecsQuery {
  const params = new URLSearchParams(query);
  const problems: Problem[] = [];
  const names = [...new Set(params.keys())];
  for (const name of names) {
    if (!(allowed as readonly string[]).includes(name))
      problems.push({ field: name.slice(0, 40), problem: `is not a parameter of this route (use ${allowed.join(', ')})` });
    else if (params.getAll(name).length > 1) problems.push({ field: name, problem: 'is given more than once' });
  }
  if (problems.length > 0) throw invalid(problems);
  const rawUser = params.get('user');
  let user = Number.NaN;
  if (rawUser === null) problems.push({ field: 'user', problem: 'is required, e.g. ?user=17' });
  else if (!USER_ID.test(rawUser))
    problems.push({ field: 'user', problem: `must be a user id (an integer ≥ 0), got ${JSON.stringify(rawUser.slice(0, 20))}` });
  else user = Number(rawUser);
  const rawK = params.get('k');
  const k = rawK === null ? DEFAULT_K : kFromText(rawK, problems);
  if (problems.length > 0) throw invalid(problems);
  return { user, k };
}

function isUserId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * @param body the parsed JSON body of `POST /recommendations`
 * @param maxBatch most users in one request
 */
export function parseBatch(body: unknown, maxBatch: number): RecsBatch {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid([{ field: 'body', problem: 'must be a JSON object like {"users": [17, 42], "k": 10}' }]);
  const problems: Problem[] = [];
  for (const key of Object.keys(body))
    if (key !== 'users' && key !== 'k')
      problems.push({ field: key.slice(0, 40), problem: 'is not a field of this request (use users, k)' });
  const { users, k = DEFAULT_K } = body as { users?: unknown; k?: unknown };
  if (!Array.isArray(users) || users.length === 0) problems.push({ field: 'users', problem: 'must be a non-empty array of user ids' });
  else if (users.length > maxBatch) {
    throw new HttpError(413, 'batch_too_large', `At most ${maxBatch} users per request, got ${users.length}.`, {
      max: maxBatch,
      got: users.length,
    });
  } else {
    const bad = users.findIndex((u) => !isUserId(u));
    if (bad >= 0) problems.push({ field: `users[${bad}]`, problem: 'must be a user id (an integer ≥ 0)' });
  }
  if (!(Number.isInteger(k) && (k as number) >= 1 && (k as number) <= MAX_K))
    problems.push({ field: 'k', problem: `${K_PROBLEM}, got ${JSON.stringify(k)?.slice(0, 20)}` });
  if (problems.length > 0) throw invalid(problems);
  return { users: users as number[], k: k as number };
}
