// @ts-nocheck — a fixture submission: its imports resolve only once staged as labs/<lab>/.
import type { PredictRequest, RequestValidator } from '../../../server-template/src/contracts';
// BEGIN SOLUTION hint: you will throw HttpError(400, 'invalid_request', message) for a bad body
import { HttpError } from '../../../server-template/src/errors';
// END SOLUTION

/**
 * A first reading of the `POST /predict` body: `{"text": "…"}` for one message, or
 * `{"instances": [{"text": "…"}, …]}` for a batch. Lab 02 replaces it with a validator that
 * also enforces limits and names every bad field.
 * @param body the JSON-parsed request body (any shape: it comes from the client)
 */
export function parsePredictBody(body: unknown): PredictRequest {
  // BEGIN SOLUTION hint: check typeof body.text === 'string', else read body.instances[i].text
  const b = body as { text?: unknown; instances?: unknown } | null;
  if (typeof b === 'object' && b !== null && typeof b.text === 'string') {
    return { kind: 'single', texts: [b.text] };
  }
  if (typeof b === 'object' && b !== null && Array.isArray(b.instances)) {
    const texts = b.instances.map((i: { text?: unknown } | null) => i?.text);
    if (texts.length > 0 && texts.every((t): t is string => typeof t === 'string')) return { kind: 'batch', texts };
  }
  throw new HttpError(400, 'invalid_request', 'Send {"text": "…"} or {"instances": [{"text": "…"}, …]}.');
  // END SOLUTION
}

export const basicValidator: RequestValidator = { parsePredict: (body) => parsePredictBody(body) };
