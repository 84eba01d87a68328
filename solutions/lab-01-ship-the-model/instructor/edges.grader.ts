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
});
