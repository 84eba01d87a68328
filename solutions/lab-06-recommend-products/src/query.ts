/**
 * Reading `GET /recommendations?user=U&k=10` (and `GET /history?user=U`): every bad query is a 400
 * `invalid_request` whose `details` name the field and the problem, so no bad request reaches the
 * model and none becomes a 500. The reference recommendation service (`npm run serve:recs`) reads
 * its queries with this file.
 */
import { HttpError } from '../../../server-template/src/errors';

/** Largest `k` a request may ask for. */
export const MAX_K = 100;
export const DEFAULT_K = 10;

export interface RecsQuery {
  user: number;
  k: number;
}

/** One entry of `error.details`. */
export interface Problem {
  field: string;
  problem: string;
}

/** 400 `invalid_request` listing every problem, in the message and in `details`. */
export function invalid(problems: Problem[]): HttpError {
  const text = problems.map((p) => `${p.field} ${p.problem}`).join('; ');
  return new HttpError(400, 'invalid_request', `Invalid request: ${text}.`, problems);
}

/** The raw query string of a URL (`/path?a=1` → `a=1`), so repeated names are seen as such. */
export function queryOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

/**
 * @param query the raw query string, e.g. `user=17&k=5`
 * @param allowed the parameter names the route reads (`user`, and `k` for recommendations)
 * @returns `user`: a shop user id, an integer ≥ 0 written plainly (no sign, exponent, spaces or
 *   leading zero); `k`: an integer from 1 to MAX_K written as digits, DEFAULT_K when absent
 * @throws HttpError 400 `invalid_request`, `details` naming each field: `user` missing or malformed,
 *   `k` out of range or not plain digits ("10abc", "1e1", " 5"), a parameter given twice, an unknown one
 */
export function parseUserQuery(query: string, allowed: readonly ('user' | 'k')[]): RecsQuery {
  // BEGIN SOLUTION hint: new URLSearchParams(query); refuse names outside `allowed` and names given twice (getAll); test the raw text with a regular expression before Number(): Number(" 5") and Number("1e1") are integers too
  const params = new URLSearchParams(query);
  const problems: Problem[] = [];
  for (const name of new Set(params.keys())) {
    if (!(allowed as readonly string[]).includes(name))
      problems.push({ field: name.slice(0, 40), problem: `is not a parameter of this route (use ${allowed.join(', ')})` });
    else if (params.getAll(name).length > 1) problems.push({ field: name, problem: 'is given more than once' });
  }
  if (problems.length > 0) throw invalid(problems);
  const rawUser = params.get('user');
  let user = Number.NaN;
  if (rawUser === null) problems.push({ field: 'user', problem: 'is required, e.g. ?user=17' });
  else if (!/^(0|[1-9][0-9]{0,14})$/.test(rawUser))
    problems.push({ field: 'user', problem: `must be a user id (an integer ≥ 0), got ${JSON.stringify(rawUser.slice(0, 20))}` });
  else user = Number(rawUser);
  const rawK = params.get('k');
  const k = rawK === null ? DEFAULT_K : /^[0-9]{1,4}$/.test(rawK) ? Number(rawK) : Number.NaN;
  if (!(k >= 1 && k <= MAX_K))
    problems.push({ field: 'k', problem: `must be an integer from 1 to ${MAX_K}, got ${JSON.stringify(String(rawK).slice(0, 20))}` });
  if (problems.length > 0) throw invalid(problems);
  return { user, k };
  // END SOLUTION
}
