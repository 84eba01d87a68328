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
  // BEGIN SOLUTION hint: Object.hasOwn(obj, key) before reading obj[key]
  return Object.hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
  // END SOLUTION
}

/**
 * Problems with one text field, or none.
 * @param field the field's path for the message, e.g. "text" or "instances[0].text"
 */
export function checkText(value: unknown, field: string): FieldProblem[] {
  // BEGIN SOLUTION hint: missing → "is required"; not a string → name the type; "" → "must not be empty"; only whitespace → "must not be only whitespace"
  if (value === undefined) return [{ field, problem: 'is required' }];
  if (typeof value !== 'string') return [{ field, problem: `must be a string, got ${jsonType(value)}` }];
  if (value.length === 0) return [{ field, problem: 'must not be empty' }];
  // A text of spaces and line breaks has no words: any answer the model gave would be noise.
  if (value.trim().length === 0) return [{ field, problem: 'must not be only whitespace' }];
  return [];
  // END SOLUTION
}

/** A 400 `invalid_request` listing the problems (the first MAX_LISTED_PROBLEMS). */
export function invalid(problems: FieldProblem[]): HttpError {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const fields = listed.map((p) => `${p.field} ${p.problem}`).join('; ');
  return new HttpError(400, 'invalid_request', `Invalid request: ${fields}.`, listed);
}

/** 413 when a text is longer than the limit (checked after the shape is known to be right). */
export function checkLengths(texts: string[], fieldOf: (i: number) => string, maxTextChars: number): void {
  // BEGIN SOLUTION hint: find the first text longer than maxTextChars and throw a 413 naming it
  const i = texts.findIndex((t) => t.length > maxTextChars);
  if (i >= 0) {
    const problem = `has ${texts[i].length} characters; the limit is ${maxTextChars}`;
    throw new HttpError(413, 'text_too_long', `${fieldOf(i)} ${problem}.`, [{ field: fieldOf(i), problem }]);
  }
  // END SOLUTION
}

/**
 * 413 when a batch's texts hold more than `maxBatchChars` characters in all (no bound when it is
 * undefined): the work a batch costs grows with its characters, not its count.
 */
export function checkBatchChars(texts: string[], maxBatchChars: number | undefined): void {
  // BEGIN SOLUTION hint: add up the texts' lengths; over maxBatchChars → 413 "batch_too_long" naming "instances"
  if (maxBatchChars === undefined) return;
  const total = texts.reduce((sum, t) => sum + t.length, 0);
  if (total > maxBatchChars) {
    const problem = `has ${total} characters in all; the limit is ${maxBatchChars}`;
    throw new HttpError(413, 'batch_too_long', `instances ${problem}.`, [{ field: 'instances', problem }]);
  }
  // END SOLUTION
}

/** `{"instances": [{"text": …}, …]}` → the texts, or an HttpError naming what is wrong. */
export function parseBatch(instances: unknown, limits: RequestLimits): string[] {
  // BEGIN SOLUTION hint: array? not empty (400)? not over maxBatch (413)? then checkText on every instance, checkLengths, checkBatchChars
  if (!Array.isArray(instances)) throw invalid([{ field: 'instances', problem: `must be an array, got ${jsonType(instances)}` }]);
  if (instances.length === 0) throw invalid([{ field: 'instances', problem: 'must not be empty' }]);
  if (instances.length > limits.maxBatch) {
    const problem = `has ${instances.length} items; the limit is ${limits.maxBatch}`;
    throw new HttpError(413, 'batch_too_large', `instances ${problem}.`, [{ field: 'instances', problem }]);
  }
  const problems: FieldProblem[] = [];
  instances.forEach((item: unknown, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ field: `instances[${i}]`, problem: `must be an object like {"text": "…"}, got ${jsonType(item)}` });
    } else {
      problems.push(...checkText(ownField(item, 'text'), `instances[${i}].text`));
    }
  });
  if (problems.length > 0) throw invalid(problems);
  const texts = instances.map((item: object) => ownField(item, 'text') as string);
  checkLengths(texts, (i) => `instances[${i}].text`, limits.maxTextChars);
  checkBatchChars(texts, limits.maxBatchChars);
  return texts;
  // END SOLUTION
}

/**
 * Validates a `POST /predict` body per the API contract: 400 with `details` listing every bad
 * field, 413 for a text over `maxTextChars`, a batch over `maxBatch` items or over
 * `maxBatchChars` characters in all.
 * @param body the JSON-parsed body (anything a client sent)
 */
export function validatePredict(body: unknown, limits: RequestLimits): PredictRequest {
  // BEGIN SOLUTION hint: body must be an object with exactly one of "text" or "instances"
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid([{ field: '(body)', problem: `must be a JSON object, got ${jsonType(body)}` }]);
  }
  const text = ownField(body, 'text');
  const instances = ownField(body, 'instances');
  if (text !== undefined && instances !== undefined) {
    throw invalid([{ field: '(body)', problem: 'must have "text" or "instances", not both' }]);
  }
  if (instances !== undefined) return { kind: 'batch', texts: parseBatch(instances, limits) };
  const problems = checkText(text, 'text');
  if (problems.length > 0) throw invalid(problems);
  checkLengths([text as string], () => 'text', limits.maxTextChars);
  return { kind: 'single', texts: [text as string] };
  // END SOLUTION
}

export const contractValidator: RequestValidator = { parsePredict: validatePredict };
