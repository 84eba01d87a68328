import type { PredictRequest, RequestValidator } from '../../../server-template/src/contracts';
// TODO(lab-01-ship-the-model): you will throw HttpError(400, 'invalid_request', message) for a bad body

/**
 * A first reading of the `POST /predict` body: `{"text": "…"}` for one message, or
 * `{"instances": [{"text": "…"}, …]}` for a batch. Lab 02 replaces it with a validator that
 * also enforces limits and names every bad field.
 * @param body the JSON-parsed request body (any shape: it comes from the client)
 */
export function parsePredictBody(body: unknown): PredictRequest {
  void [body]; // your inputs
  throw new Error("lab-01-ship-the-model: not implemented — check typeof body.text === 'string', else read body.instances[i].text");
}

export const basicValidator: RequestValidator = { parsePredict: (body) => parsePredictBody(body) };
