/**
 * Instructor checks for lab 01's route at the edges of a body: what a quick reading of "text or
 * instances" lets through, and whether the error says so in the contract's shape.
 */
import { check, excerpt } from '../../../grading/harness';
import { call } from '../grader/http';

/** Bodies that look nearly right; each must be a 400 invalid_request. */
const BAD_BODIES: Array<[string, unknown]> = [
  ['an empty batch', { instances: [] }],
  ['a number as text', { text: 42 }],
  ["a number as an instance's text", { instances: [{ text: 42 }] }],
  ['a null instance', { instances: [null] }],
  ['one instance without text among good ones', { instances: [{ text: 'hello' }, { txt: 'hi' }] }],
  ['text as an array of strings', { text: ['hi'] }],
  // An instance is an object with a text, never the text itself or anything else.
  ['a bare string as an instance', { instances: ['hi'] }],
  ['a number as an instance', { instances: [42] }],
  ['an array as an instance', { instances: [['hi']] }],
  ['instances as one string', { instances: 'hi' }],
];

describe('lab-01 instructor checks: bodies at the edges', () => {
  check(
    'an empty batch, a non-string text or a bad instance is a 400 whose body is {"error": {"code": "invalid_request", "message"}}',
    2,
    'src/request.ts: parsePredictBody() refuses anything but a string text and a non-empty list of them; src/app.ts: let its HttpError reach the app',
    async () => {
      for (const [what, body] of BAD_BODIES) {
        const res = await call('POST', '/predict', body);
        const error = res.body['error'] as { code?: unknown; message?: unknown } | undefined;
        if (res.status !== 400 || error?.code !== 'invalid_request' || typeof error.message !== 'string' || error.message === '') {
          throw new Error(
            `POST /predict with ${what} (${JSON.stringify(body)}): expected 400 {"error": {"code": "invalid_request", "message": "…"}}, got ${res.status} ${excerpt(res)}`,
          );
        }
      }
    },
  );
  check(
    "a bad instance's 400 names it: details.instance is its position and details.problem says what is wrong",
    1,
    "src/request.ts: parsePredictBody() throws HttpError(400, 'invalid_request', …, { instance, problem }) for the first bad instance",
    async () => {
      // [instances, the bad one's position, what its problem must mention]
      const cases: Array<[unknown[], number, RegExp]> = [
        [[{ text: 'ok' }, 'hi'], 1, /string|object/i],
        [[{ text: 'ok' }, { text: 'ok' }, { text: 7 }], 2, /number|string/i],
        [[{ text: 'ok' }, { txt: 'hi' }], 1, /text/i],
      ];
      for (const [instances, at, mentions] of cases) {
        const res = await call('POST', '/predict', { instances });
        const error = res.body['error'] as { code?: unknown; details?: { instance?: unknown; problem?: unknown } } | undefined;
        const problem = error?.details?.problem;
        if (
          res.status !== 400 ||
          error?.code !== 'invalid_request' ||
          error.details?.instance !== at ||
          typeof problem !== 'string' ||
          !mentions.test(problem)
        ) {
          throw new Error(
            `POST /predict ${JSON.stringify({ instances })}: expected 400 invalid_request with details {"instance": ${at}, "problem": "…"}, got ${res.status} ${excerpt(res)}`,
          );
        }
      }
    },
  );
});
