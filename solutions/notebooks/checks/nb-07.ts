/**
 * Hidden checks for lesson 07's exercises: other bodies than the lesson's, and the edges (an
 * empty text, JSON that is not an object, extra fields, text with quotes and non-ASCII; for the
 * server, another model, other methods and paths, and a body that arrives in pieces).
 */
import type { ExerciseChecks } from '../../../grading/exercises/check';
import {
  accepts,
  answers,
  type CreatePredictServer,
  FAKE,
  rejects,
  serves,
  type BadRequest,
  type PredictModel,
  type PredictReply,
} from '../../../notebooks/checks/nb-07';

type P = { predictReply: PredictReply };
const OTHER: PredictModel = {
  predict: (text) => ({ label: 'ham', probability: text.length / 1000 }),
  metadata: { name: 'other', version: '0.0.1' },
};
const replyChecks: ExerciseChecks<P> = {
  id: 'nb-07.1',
  section: 'Build one yourself',
  uses: ['predictReply'],
  checks: [
    answers<P>(
      'another model, another version',
      (f) => f.predictReply(OTHER, '{"text": "hello"}'),
      () => ({ status: 200, json: { prediction: 'ham', probability: 0.005, model: { name: 'other', version: '0.0.1' } } }),
      'take name and version from model.metadata, never a fixed string',
    ),
    answers<P>(
      'extra fields are ignored',
      (f) => f.predictReply(FAKE, '{"text": "ok", "id": 7, "lang": "en"}'),
      () => ({ status: 200, json: { prediction: 'ham', probability: 0.1, model: { name: 'fake', version: '9.8.7' } } }),
      'read only body.text; answer only prediction, probability and model',
    ),
    answers<P>(
      'quotes, a newline and non-ASCII in the text',
      (f) => f.predictReply(OTHER, JSON.stringify({ text: 'Ça "marche"\n€!' })),
      () => ({
        status: 200,
        json: { prediction: 'ham', probability: 'Ça "marche"\n€!'.length / 1000, model: { name: 'other', version: '0.0.1' } },
      }),
      'let JSON.parse decode the text; do not cut the body by hand',
    ),
  ],
};

type B = { badRequest: BadRequest };
const badChecks: ExerciseChecks<B> = {
  id: 'nb-07.2',
  section: 'Build one yourself',
  uses: ['badRequest'],
  checks: [
    rejects('an empty body', '', 'invalid_json', 'an empty body is not JSON'),
    rejects('JSON null', 'null', 'invalid_request', 'typeof null is "object": check for null before reading .text'),
    rejects('a JSON array', '[{"text": "hi"}]', 'invalid_request', 'the body must be an object, not an array'),
    rejects('a JSON string', '"Free money"', 'invalid_request', 'the body must be an object holding "text"'),
    rejects('an empty text', '{"text": ""}', 'invalid_request', 'an empty text is not a message: require text.length > 0'),
    accepts('extra fields', '{"text": "hi", "id": 3}', 'only "text" is required; other fields may be present'),
  ],
};

// Long enough that Node hands it to the server in several `data` events (64 kB each at most).
const LONG_TEXT = `${'money '.repeat(30000)}!`;
const NOT_FOUND = { status: 404, json: { error: { code: 'not_found', message: '…' } } };

type S = { createPredictServer: CreatePredictServer };
const serverChecks: ExerciseChecks<S> = {
  id: 'nb-07.3',
  section: 'Build one yourself',
  uses: ['createPredictServer'],
  checks: [
    serves(
      'another model: its own prediction, name and version',
      () => OTHER,
      [{ method: 'POST', path: '/predict', body: '{"text": "hello"}' }],
      () => [{ status: 200, json: { prediction: 'ham', probability: 0.005, model: { name: 'other', version: '0.0.1' } } }],
      "build the replies from the model createPredictServer is given, not from the notebook's own model",
    ),
    serves(
      'GET /predict and POST /other: 404 not_found',
      () => FAKE,
      [
        { method: 'GET', path: '/predict' },
        { method: 'POST', path: '/other', body: '{"text": "Win!"}' },
      ],
      () => [NOT_FOUND, NOT_FOUND],
      'only POST with the path /predict is the endpoint: check req.method and req.url, and answer 404 not_found otherwise',
    ),
    serves(
      'a 180 kB message, which arrives in several pieces',
      () => FAKE,
      [{ method: 'POST', path: '/predict', body: JSON.stringify({ text: LONG_TEXT }) }],
      () => [{ status: 200, json: { prediction: 'spam', probability: 0.9, model: { name: 'fake', version: '9.8.7' } } }],
      "add every 'data' chunk to the body and answer on 'end', when the whole body has arrived",
    ),
  ],
};

export const exercises = [replyChecks, badChecks, serverChecks];
