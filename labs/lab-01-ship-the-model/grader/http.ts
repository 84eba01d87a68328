/** Shared by lab 01's checks: start the learner's app once per submission and talk JSON to it. */
import { excerpt, expectStatus, requestJson, servedApp, type JsonResponse } from '../../../grading/harness';

export const APP = 'src/app.ts';
/** Starting the app loads a model; a busy grading machine can take many seconds. */
export const START_MS = 30_000;

/** Sends one request to the learner's app (`createLabApp()`, started on first use). */
export async function call(method: string, urlPath: string, body?: unknown): Promise<JsonResponse> {
  return requestJson(await servedApp(APP, 'createLabApp', [], { startMs: START_MS }), method, urlPath, body);
}

/** POST /predict with a batch; returns the probabilities in order (fails on any other shape). */
export async function probabilities(texts: string[]): Promise<number[]> {
  const res = await call('POST', '/predict', { instances: texts.map((text) => ({ text })) });
  expectStatus(res, 200, `POST /predict with ${texts.length} instances`);
  const predictions = res.body['predictions'];
  if (!Array.isArray(predictions) || predictions.length !== texts.length) {
    throw new Error(`expected "predictions" with ${texts.length} items, got ${excerpt(res)}`);
  }
  return predictions.map((p: { probability?: unknown }, i) => {
    if (typeof p?.probability !== 'number') throw new Error(`predictions[${i}].probability: expected a number, got ${JSON.stringify(p)}`);
    return p.probability;
  });
}
