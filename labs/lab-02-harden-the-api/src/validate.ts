import type { PredictRequest, RequestLimits, RequestValidator } from '../../../server-template/src/contracts';
import { HttpError } from '../../../server-template/src/errors';

/** One problem with one field, e.g. `{ field: "instances[2].text", problem: "must be a string, got number" }`. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/** At most this many problems are listed: enough to fix a request, not enough to echo a huge one. */
export const MAX_LISTED_PROBLEMS = 20;

/** `typeof`, but telling arrays and null apart from objects: the word a client needs to read. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Reads `key` only when the object itself has it. Inherited properties (from a polluted
 * `Object.prototype`, or `constructor`) are never taken for client input.
 */
export function ownField(obj: object, key: string): unknown {
  void [obj, key]; // your inputs
  throw new Error("lab-02-harden-the-api: not implemented — Object.hasOwn(obj, key) before reading obj[key]");
}

/**
 * Problems with one text field, or none.
 * @param field the field's path for the message, e.g. "text" or "instances[0].text"
 */
export function checkText(value: unknown, field: string): FieldProblem[] {
  void [value, field]; // your inputs
  throw new Error("lab-02-harden-the-api: not implemented — missing → \"is required\"; not a string → name the type; \"\" → \"must not be empty\"; only whitespace → \"must not be only whitespace\"");
}

/** A 400 `invalid_request` listing the problems (the first MAX_LISTED_PROBLEMS). */
export function invalid(problems: FieldProblem[]): HttpError {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const fields = listed.map((p) => `${p.field} ${p.problem}`).join('; ');
  return new HttpError(400, 'invalid_request', `Invalid request: ${fields}.`, listed);
}

/** 413 when a text is longer than the limit (checked after the shape is known to be right). */
export function checkLengths(texts: string[], fieldOf: (i: number) => string, maxTextChars: number): void {
  void [texts, fieldOf, maxTextChars]; // your inputs
  throw new Error("lab-02-harden-the-api: not implemented — find the first text longer than maxTextChars and throw a 413 naming it");
}

/**
 * 413 when a batch's texts hold more than `maxBatchChars` characters in all (no bound when it is
 * undefined): the work a batch costs grows with its characters, not its count.
 */
export function checkBatchChars(texts: string[], maxBatchChars: number | undefined): void {
  void [texts, maxBatchChars]; // your inputs
  throw new Error("lab-02-harden-the-api: not implemented — add up the texts' lengths; over maxBatchChars → 413 \"batch_too_long\" naming \"instances\"");
}

/** `{"instances": [{"text": …}, …]}` → the texts, or an HttpError naming what is wrong. */
export function parseBatch(instances: unknown, limits: RequestLimits): string[] {
  void [instances, limits]; // your inputs
  throw new Error("lab-02-harden-the-api: not implemented — array? not empty (400)? not over maxBatch (413)? then checkText on every instance, checkLengths, checkBatchChars");
}

/**
 * Validates a `POST /predict` body per the API contract: 400 with `details` listing every bad
 * field, 413 for a text over `maxTextChars`, a batch over `maxBatch` items or over
 * `maxBatchChars` characters in all.
 * @param body the JSON-parsed body (anything a client sent)
 */
export function validatePredict(body: unknown, limits: RequestLimits): PredictRequest {
  void [body, limits]; // your inputs
  throw new Error("lab-02-harden-the-api: not implemented — body must be an object with exactly one of \"text\" or \"instances\"");
}

export const contractValidator: RequestValidator = { parsePredict: validatePredict };
