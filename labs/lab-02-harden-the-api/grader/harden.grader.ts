/** Public checks for lab 02: run them with `npm run check -- lab-02`. */
import { check, excerpt, expectEqual, submission } from '../../../grading/harness';
import { call, expectError, VALIDATE } from './http';

const WHERE = `${VALIDATE}: validatePredict()`;

describe('lab-02 public checks', () => {
  check('checkText names the field and the type it got', 1, `${VALIDATE}: checkText()`, async () => {
    expectEqual(
      await submission().call(VALIDATE, 'checkText', [5, 'text']),
      [{ field: 'text', problem: 'must be a string, got number' }],
      'checkText(5, "text")',
    );
    expectEqual(await submission().call(VALIDATE, 'checkText', ['hello', 'text']), [], 'checkText("hello", "text")');
  });
  check('a valid request still answers 200', 2, WHERE, async () => {
    const res = await call('POST', '/predict', { text: 'Meeting moved to 3pm.' });
    if (res.status !== 200 || typeof res.body['probability'] !== 'number')
      throw new Error(`expected 200 with a probability, got ${res.status} ${excerpt(res)}`);
  });
  check('missing "text" → 400 invalid_request naming "text"', 2, WHERE, async () => {
    expectError(await call('POST', '/predict', {}), 'POST /predict {}', 400, 'invalid_request', ['text']);
  });
  check('"text" of the wrong type → 400 naming "text"', 2, `${VALIDATE}: checkText()`, async () => {
    const res = await call('POST', '/predict', { text: 5 });
    expectError(res, 'POST /predict {"text": 5}', 400, 'invalid_request', ['text']);
  });
  check('empty "text" → 400', 1, `${VALIDATE}: checkText()`, async () => {
    expectError(await call('POST', '/predict', { text: '' }), 'POST /predict {"text": ""}', 400, 'invalid_request', ['text']);
  });
  check('a batch with several bad items → one 400 listing every bad field', 3, `${VALIDATE}: parseBatch()`, async () => {
    const body = { instances: [{ text: 'ok' }, { text: 7 }, 'hello', {}] };
    expectError(await call('POST', '/predict', body), 'POST /predict with 3 bad instances', 400, 'invalid_request', [
      'instances[1].text',
      'instances[2]',
      'instances[3].text',
    ]);
  });
  check('a body that is not a JSON object → 400, never a 500', 1, WHERE, async () => {
    for (const body of [[{ text: 'hi' }], '"just a string"', 'null']) {
      const res = await call('POST', '/predict', body);
      expectError(res, `POST /predict ${typeof body === 'string' ? body : JSON.stringify(body)}`, 400, 'invalid_request');
    }
  });
  check('a text over MAX_TEXT_CHARS → 413 text_too_long', 2, `${VALIDATE}: checkLengths()`, async () => {
    const res = await call('POST', '/predict', { text: 'a'.repeat(101) }, { maxTextChars: 100 });
    expectError(res, 'POST /predict with 101 characters (limit 100)', 413, 'text_too_long', ['text']);
  });
  check('a batch over MAX_BATCH → 413 batch_too_large', 2, `${VALIDATE}: parseBatch()`, async () => {
    const res = await call('POST', '/predict', { instances: Array.from({ length: 6 }, () => ({ text: 'hi' })) }, { maxBatch: 5 });
    expectError(res, 'POST /predict with 6 instances (limit 5)', 413, 'batch_too_large', ['instances']);
  });
});
