/** Shared by lab 01's checks: start the learner's app once per submission and talk JSON to it. */
import { request, submission } from '../../../grading/harness';

export const APP = 'src/app.ts';
const sockets = new WeakMap<object, Promise<string>>();

/** The unix socket of the learner's app (`createLabApp()`), started on first use. */
export function appSocket(): Promise<string> {
  const s = submission();
  let socket = sockets.get(s);
  if (!socket) {
    socket = s.serve(APP, 'createLabApp', [], 10_000);
    sockets.set(s, socket);
  }
  return socket;
}

export interface JsonResponse {
  status: number;
  body: Record<string, unknown>;
  raw: string;
}

/** Sends one request to the learner's app; the body is parsed when it is JSON. */
export async function call(method: string, urlPath: string, body?: unknown): Promise<JsonResponse> {
  const res = await request(await appSocket(), method, urlPath, body);
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(res.body) as Record<string, unknown>;
  } catch {
    // Not JSON: the checks report the raw text.
  }
  return { status: res.status, body: parsed, raw: res.body.slice(0, 300) };
}

/** Fails with the status, the start of the body and the hint when the status is not `expected`. */
export function expectStatus(res: JsonResponse, expected: number, what: string): void {
  if (res.status !== expected) {
    throw new Error(`${what}: expected HTTP ${expected}, got ${res.status} with body ${res.raw}`);
  }
}

/** POST /predict with a batch; returns the probabilities in order (fails on any other shape). */
export async function probabilities(texts: string[]): Promise<number[]> {
  const res = await call('POST', '/predict', { instances: texts.map((text) => ({ text })) });
  expectStatus(res, 200, `POST /predict with ${texts.length} instances`);
  const predictions = res.body['predictions'];
  if (!Array.isArray(predictions) || predictions.length !== texts.length) {
    throw new Error(`expected "predictions" with ${texts.length} items, got ${res.raw}`);
  }
  return predictions.map((p: { probability?: unknown }, i) => {
    if (typeof p?.probability !== 'number') throw new Error(`predictions[${i}].probability: expected a number, got ${JSON.stringify(p)}`);
    return p.probability;
  });
}
