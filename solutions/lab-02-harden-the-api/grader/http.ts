/** Shared by lab 02's checks: start the learner's app (once per set of limits) and talk JSON to it. */
import { request, submission } from '../../../grading/harness';

export const APP = 'src/app.ts';
export const VALIDATE = 'src/validate.ts';
const sockets = new WeakMap<object, Map<string, Promise<string>>>();

/** The unix socket of `createLabApp(limits)`, started on first use. */
export function appSocket(limits: Record<string, number> = {}): Promise<string> {
  const s = submission();
  const byLimits = sockets.get(s) ?? new Map<string, Promise<string>>();
  sockets.set(s, byLimits);
  const key = JSON.stringify(limits);
  let socket = byLimits.get(key);
  if (!socket) {
    socket = s.serve(APP, 'createLabApp', [limits], 10_000);
    byLimits.set(key, socket);
  }
  return socket;
}

export interface JsonResponse {
  status: number;
  body: { error?: { code?: unknown; message?: unknown; details?: unknown } } & Record<string, unknown>;
  raw: string;
}

/** Sends one request; `body` as a string is sent as is (to test malformed JSON). */
export async function call(method: string, urlPath: string, body?: unknown, limits?: Record<string, number>): Promise<JsonResponse> {
  const res = await request(await appSocket(limits), method, urlPath, body);
  let parsed: JsonResponse['body'] = {};
  try {
    parsed = JSON.parse(res.body) as JsonResponse['body'];
  } catch {
    // Not JSON: the checks report the raw text.
  }
  return { status: res.status, body: parsed, raw: res.body.slice(0, 300) };
}

/**
 * Asserts an error response: the status, `error.code`, and that `error.details` names every field
 * in `fields` (as `details[i].field`).
 */
export function expectError(res: JsonResponse, what: string, status: number, code: string, fields: string[] = []): void {
  if (res.status !== status || res.body.error?.code !== code) {
    throw new Error(`${what}: expected HTTP ${status} with error.code "${code}", got ${res.status} with body ${res.raw}`);
  }
  const details = Array.isArray(res.body.error.details) ? (res.body.error.details as { field?: unknown }[]) : [];
  const named = details.map((d) => d?.field);
  const missing = fields.filter((f) => !named.includes(f));
  if (missing.length > 0) {
    throw new Error(`${what}: expected error.details to name ${missing.join(', ')} (as {"field", "problem"}), got ${JSON.stringify(res.body.error.details)}`);
  }
}
