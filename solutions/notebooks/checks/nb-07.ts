/**
 * Hidden checks for lesson 07's exercises: other bodies than the lesson's, and the edges (an
 * empty text, JSON that is not an object, extra fields, text with quotes and non-ASCII).
 */
import type { ExerciseChecks } from '../../../grading/exercises/check';
import { accepts, answers, FAKE, rejects, type BadRequest, type PredictModel, type PredictReply } from '../../../notebooks/checks/nb-07';

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

export const exercises = [replyChecks, badChecks];
