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
  void [query, allowed]; // your inputs
  throw new Error("lab-06-recommend-products: not implemented — new URLSearchParams(query); refuse names outside `allowed` and names given twice (getAll); test the raw text with a regular expression before Number(): Number(\" 5\") and Number(\"1e1\") are integers too");
}
