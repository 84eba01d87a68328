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
  const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);
  // What is wrong with one instance of a batch, e.g. `is a string, not an object with a string "text"`.
  const instanceProblem = (item: unknown): string => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return `is ${kindOf(item)}, not an object with a string "text"`;
    const text: unknown = (item as { text?: unknown }).text;
    return text === undefined ? 'has no "text"' : `has a "text" that is ${kindOf(text)}, not a string`;
  };
  if (typeof b === 'object' && b !== null && typeof b.text === 'string') {
    return { kind: 'single', texts: [b.text] };
  }
  if (typeof b === 'object' && b !== null && Array.isArray(b.instances)) {
    const texts = b.instances.map((i: { text?: unknown } | null) => i?.text);
    if (texts.length > 0 && texts.every((t): t is string => typeof t === 'string')) return { kind: 'batch', texts };
    const bad = texts.findIndex((t) => typeof t !== 'string');
    if (bad >= 0) {
      // Name the instance and what is wrong with it: a client with 100 instances cannot guess which one.
      const problem = instanceProblem(b.instances[bad]);
      throw new HttpError(400, 'invalid_request', `instances[${bad}] ${problem}.`, { instance: bad, problem });
    }
  }
  throw new HttpError(400, 'invalid_request', 'Send {"text": "…"} or {"instances": [{"text": "…"}, …]}.');
  // END SOLUTION
}

export const basicValidator: RequestValidator = { parsePredict: (body) => parsePredictBody(body) };
