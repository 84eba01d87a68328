/**
 * Reading `GET /recommendations?user=U&k=10`, `GET /history?user=U` (lab 06's `parseUserQuery`)
 * and the batch body `{"users": [U, …], "k": 10}`. Every bad input is a 400 `invalid_request` whose `details`
 * name the field and the problem (413 `batch_too_large` for too many users, as the spam API
 * answers an oversized batch), so no bad request reaches the model.
 */
import { HttpError } from '../../server-template/src/errors';
import { DEFAULT_K, invalid, MAX_K, type Problem } from '../lab-06-recommend-products/src/query';

// The query of GET /recommendations and GET /history is read by lab 06's answer, the same code
// learners write there.
export { DEFAULT_K, parseUserQuery, queryOf, type RecsQuery } from '../lab-06-recommend-products/src/query';

export interface RecsBatch {
  users: number[];
  k: number;
}

const K_PROBLEM = `must be an integer from 1 to ${MAX_K}`;

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
