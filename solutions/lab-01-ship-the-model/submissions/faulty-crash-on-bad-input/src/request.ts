// @ts-nocheck — a fixture submission: its imports resolve only once staged as labs/<lab>/.
import type { PredictRequest, RequestValidator } from '../../../server-template/src/contracts';
// BEGIN SOLUTION hint: you will throw HttpError(400, 'invalid_request', message) for a bad body
// END SOLUTION

/**
 * A first reading of the `POST /predict` body: `{"text": "…"}` for one message, or
 * `{"instances": [{"text": "…"}, …]}` for a batch. Lab 02 replaces it with a validator that
 * also enforces limits and names every bad field.
 * @param body the JSON-parsed request body (any shape: it comes from the client)
 */
export function parsePredictBody(body: unknown): PredictRequest {
  // BEGIN SOLUTION hint: check typeof body.text === 'string', else read body.instances[i].text
  // Trusts the client: any other shape throws a TypeError, which the app answers with a 500.
  const b = body as { text?: string; instances: { text: string }[] };
  if (typeof b.text === 'string') return { kind: 'single', texts: [b.text] };
  return { kind: 'batch', texts: b.instances.map((i) => i.text) };
  // END SOLUTION
}

export const basicValidator: RequestValidator = { parsePredict: (body) => parsePredictBody(body) };
