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
