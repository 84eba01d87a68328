/**
 * Checks for the exercises of lesson 07 (From notebook to service). The checker cells of the
 * lesson run them: `grader.check('nb-07.1', predictReply)`. They call your functions with a
 * request body, as the server would, and read the reply: its status and its JSON.
 */
import { satisfies, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';
import { loadArtifact, latestVersion } from '../../mlkit/artifact/index';

/** What the server sends back: an HTTP status and a JSON body. */
export interface Reply {
  status: number;
  json: Record<string, unknown>;
}
/** The part of a loaded model the route needs. */
export interface PredictModel {
  predict(text: string): { label: 'spam' | 'ham'; probability: number };
  metadata: { name: string; version: string };
}
export type PredictReply = (model: PredictModel, body: string) => Reply;
export type BadRequest = (body: string) => Reply | null;

/** A stand-in model: spam when the text holds "!", P(spam) = 0.1 + 0.8 × (it does). */
export const FAKE: PredictModel = {
  predict: (text) => (text.includes('!') ? { label: 'spam', probability: 0.9 } : { label: 'ham', probability: 0.1 }),
  metadata: { name: 'fake', version: '9.8.7' },
};

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);
const same = (a: unknown, b: unknown): boolean => show(a) === show(b);

/** A check that the route answers `body` with exactly `want`. */
export function answers<F>(name: string, got: (fns: F) => unknown, want: () => unknown, hint: string) {
  return satisfies<F, unknown>(name, { got, test: (r) => same(r, want()), expected: show(want()), show, hint });
}

let shipped: PredictModel | undefined;
/** The course's model, loaded once. */
export function shippedModel(): PredictModel {
  if (!shipped) shipped = loadArtifact(`models/spam/${latestVersion('models', 'spam')}`);
  return shipped;
}

type P = { predictReply: PredictReply };
const replyChecks: ExerciseChecks<P> = {
  id: 'nb-07.1',
  section: 'Build one yourself',
  uses: ['predictReply'],
  checks: [
    answers<P>(
      "a stand-in model: 200 with prediction, probability and the model's name and version",
      (f) => f.predictReply(FAKE, '{"text": "Win!"}'),
      () => ({ status: 200, json: { prediction: 'spam', probability: 0.9, model: { name: 'fake', version: '9.8.7' } } }),
      'parse the body with JSON.parse, call model.predict(text), and answer { prediction: label, probability, model: { name, version } } from model.metadata',
    ),
    answers<P>(
      'the shipped model on "Free money now!!!"',
      (f) => f.predictReply(shippedModel(), JSON.stringify({ text: 'Free money now!!!' })),
      () => {
        const m = shippedModel();
        const p = m.predict('Free money now!!!');
        return {
          status: 200,
          json: { prediction: p.label, probability: p.probability, model: { name: m.metadata.name, version: m.metadata.version } },
        };
      },
      'predict on the text field of the parsed body, not on the raw body',
    ),
  ],
};

type B = { badRequest: BadRequest };
const isError =
  (code: string) =>
  (r: unknown): boolean => {
    const reply = r as Reply | null;
    const error = reply?.json && (reply.json.error as { code?: unknown; message?: unknown } | undefined);
    return (
      !!reply && reply.status === 400 && !!error && error.code === code && typeof error.message === 'string' && error.message.length > 0
    );
  };
export function rejects(name: string, body: string, code: string, hint: string) {
  return satisfies<B, Reply | null>(name, {
    got: (f) => f.badRequest(body),
    test: isError(code),
    expected: `400 { error: { code: "${code}", message: "…" } }`,
    show,
    hint,
  });
}
export function accepts(name: string, body: string, hint: string) {
  return satisfies<B, Reply | null>(name, {
    got: (f) => f.badRequest(body),
    test: (r) => r === null,
    expected: 'null (the request is fine)',
    show,
    hint,
  });
}

const badChecks: ExerciseChecks<B> = {
  id: 'nb-07.2',
  section: 'Build one yourself',
  uses: ['badRequest'],
  checks: [
    rejects('a body that is not JSON', '{"text": ', 'invalid_json', 'JSON.parse throws on it: catch that and answer 400 invalid_json'),
    rejects('a misspelt field', '{"txt": "Free money"}', 'invalid_request', 'the body must hold a field "text"'),
    rejects('a text that is not a string', '{"text": 42}', 'invalid_request', 'check typeof text === "string"'),
    accepts('a good request', '{"text": "Free money now!!!"}', 'return null when the body is a JSON object with a non-empty string "text"'),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [replyChecks, badChecks];

export const grader = createGrader('notebooks/checks/nb-07.ts', exercises);
