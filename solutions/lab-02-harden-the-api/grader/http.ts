/** Shared by lab 02's checks: start the learner's app (once per set of limits) and talk JSON to it. */
import { excerpt, requestJson, servedApp, type JsonResponse } from '../../../grading/harness';

export const APP = 'src/app.ts';
export const VALIDATE = 'src/validate.ts';

type ErrorBody = { error: { code?: unknown; message?: unknown; details?: unknown } };

/**
 * Sends one request to `createLabApp(limits)` (started once per set of limits); `body` as a
 * string is sent as is (to test malformed JSON).
 */
export async function call(
  method: string,
  urlPath: string,
  body?: unknown,
  limits: Record<string, number> = {},
): Promise<JsonResponse<ErrorBody>> {
  return requestJson<ErrorBody>(await servedApp(APP, 'createLabApp', [limits], { startMs: 10_000 }), method, urlPath, body);
}

/**
 * Asserts an error response: the status, `error.code`, and that `error.details` names every field
 * in `fields` (as `details[i].field`).
 */
export function expectError(res: JsonResponse<ErrorBody>, what: string, status: number, code: string, fields: string[] = []): void {
  if (res.status !== status || res.body.error?.code !== code) {
    throw new Error(`${what}: expected HTTP ${status} with error.code "${code}", got ${res.status} with body ${excerpt(res)}`);
  }
  const details = Array.isArray(res.body.error.details) ? (res.body.error.details as { field?: unknown }[]) : [];
  const named = details.map((d) => d?.field);
  const missing = fields.filter((f) => !named.includes(f));
  if (missing.length > 0) {
    throw new Error(
      `${what}: expected error.details to name ${missing.join(', ')} (as {"field", "problem"}), got ${JSON.stringify(res.body.error.details)}`,
    );
  }
}

/** One entry of `error.details` a check expects: the field, and words its problem must contain. */
export interface ExpectedProblem {
  field: string;
  problem?: string;
}

/**
 * Asserts an error response whose `error.details` lists exactly `expected`, in order: the fields
 * named (no more, no fewer), and for each entry with a `problem`, that its problem contains it.
 */
export function expectDetails(res: JsonResponse<ErrorBody>, what: string, status: number, code: string, expected: ExpectedProblem[]): void {
  expectError(res, what, status, code);
  const raw = res.body.error?.details;
  const details = Array.isArray(raw) ? (raw as { field?: unknown; problem?: unknown }[]) : [];
  const got = JSON.stringify(raw);
  const fields = details.map((d) => d?.field);
  const want = expected.map((e) => e.field);
  if (JSON.stringify(fields) !== JSON.stringify(want))
    throw new Error(`${what}: expected error.details to name exactly ${want.join(', ')} (in that order), got ${got}`);
  expected.forEach((e, i) => {
    const problem = details[i]?.problem;
    if (e.problem !== undefined && (typeof problem !== 'string' || !problem.includes(e.problem)))
      throw new Error(`${what}: expected the problem with ${e.field} to say "${e.problem}", got ${got}`);
  });
}
