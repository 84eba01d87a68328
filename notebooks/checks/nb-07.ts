/**
 * Checks for the exercises of lesson 07 (From notebook to service). The checker cells of the
 * lesson run them: `grader.check('nb-07.1', predictReply)`. They call your functions with a
 * request body, as the server would, and read the reply: its status and its JSON. The server's
 * checks (`await grader.check('nb-07.3', createPredictServer)`) start your server on 127.0.0.1,
 * on a port the system picks, send it real requests and close it.
 */
import type * as http from 'node:http';
import { eventually, satisfies, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';
import { askServer, type Ask } from '../../grading/exercises/serve';
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

export type CreatePredictServer = (model: PredictModel) => http.Server;
type S = { createPredictServer: CreatePredictServer };

/** What a check compares of an HTTP answer: its status and JSON (the text when it is not JSON). */
export interface Exchange {
  status: number;
  json: unknown;
  contentType?: string;
}

/** An error body as the checks compare it: the code exactly, the message (the learner's own words) only as non-empty text, shown "…". */
export function codeOnly(json: unknown): unknown {
  const error = json && typeof json === 'object' ? (json as { error?: { code?: unknown; message?: unknown } }).error : undefined;
  if (!error || typeof error !== 'object') return json;
  return { error: { code: error.code, message: typeof error.message === 'string' && error.message.length > 0 ? '…' : error.message } };
}

/**
 * A check that the learner's server, built around `model` and asked `asks` in order, answers
 * each with `want` (an error's message compared as "…": any non-empty text). The server is
 * closed whatever happens; a check gives it 5 s in all.
 */
export function serves(
  name: string,
  model: () => PredictModel,
  asks: Ask[],
  want: () => Exchange[],
  hint: string,
  options: { contentType?: boolean } = {},
) {
  return eventually<S, Exchange[]>(name, {
    got: async (f) =>
      (await askServer(f.createPredictServer(model()), asks, 5000)).map((a) => {
        const seen: Exchange = { status: a.status, json: a.json === undefined ? a.raw : codeOnly(a.json) };
        if (options.contentType) seen.contentType = a.contentType.replace(/;.*$/, '').trim();
        return seen;
      }),
    test: (got) => same(got, want()),
    expected: show(want()),
    show,
    hint,
    timeLimitMs: 6000,
  });
}

const TO_PREDICT = (body: string): Ask => ({ method: 'POST', path: '/predict', body });

const serverChecks: ExerciseChecks<S> = {
  id: 'nb-07.3',
  section: 'Build one yourself',
  uses: ['createPredictServer'],
  checks: [
    serves(
      "POST /predict over HTTP: 200 with the model's answer, sent as application/json",
      () => FAKE,
      [TO_PREDICT('{"text": "Win!"}')],
      () => [
        {
          status: 200,
          json: { prediction: 'spam', probability: 0.9, model: { name: 'fake', version: '9.8.7' } },
          contentType: 'application/json',
        },
      ],
      "answer with predictReply(model, body): res.writeHead(reply.status, { 'content-type': 'application/json' }), then res.end(JSON.stringify(reply.json))",
      { contentType: true },
    ),
    serves(
      'POST /predict with a body that is not JSON: 400 invalid_json, and the server still answers',
      () => FAKE,
      [TO_PREDICT('{"text": '), TO_PREDICT('{"text": "ok"}')],
      () => [
        { status: 400, json: { error: { code: 'invalid_json', message: '…' } } },
        { status: 200, json: { prediction: 'ham', probability: 0.1, model: { name: 'fake', version: '9.8.7' } } },
      ],
      'ask badRequest(body) first and send its reply when it is not null; only then call predictReply',
    ),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [replyChecks, badChecks, serverChecks];

export const grader = createGrader('notebooks/checks/nb-07.ts', exercises);
