/**
 * Instructor checks for lab 02: what the 400's details say, not only its status. A client fixes a
 * request from `details`, so each problem must name the right field and the JSON type it got.
 */
import { check, excerpt } from '../../../grading/harness';
import { call, expectDetails, VALIDATE } from '../grader/http';

/** Values of every JSON type but string, each with the word `jsonType` gives it. */
const NOT_STRINGS: [unknown, string][] = [
  [null, 'null'],
  [['hi'], 'array'],
  [{ text: 'hi' }, 'object'],
  [false, 'boolean'],
  [0, 'number'],
];

describe('lab-02 instructor checks: error details', () => {
  check(
    '"text" of every non-string JSON type (null, array, object, false, 0) → the problem names that type; missing → "is required"',
    1,
    `${VALIDATE}: checkText() — null is present (not missing), and jsonType() tells null and arrays from objects`,
    async () => {
      for (const [value, type] of NOT_STRINGS) {
        const res = await call('POST', '/predict', { text: value });
        expectDetails(res, `POST /predict {"text": ${JSON.stringify(value)}}`, 400, 'invalid_request', [
          { field: 'text', problem: `must be a string, got ${type}` },
        ]);
      }
      expectDetails(await call('POST', '/predict', {}), 'POST /predict {}', 400, 'invalid_request', [
        { field: 'text', problem: 'is required' },
      ]);
    },
  );
  check(
    '"instances" that is not an array (null, object, string, number) → 400 naming "instances" and the type it got',
    1,
    `${VALIDATE}: validatePredict() and parseBatch() — a present "instances" is a batch, whatever its value`,
    async () => {
      const cases: [unknown, string][] = [
        [null, 'null'],
        [{ text: 'hi' }, 'object'],
        ['hello', 'string'],
        [3, 'number'],
      ];
      for (const [value, type] of cases) {
        const res = await call('POST', '/predict', { instances: value });
        expectDetails(res, `POST /predict {"instances": ${JSON.stringify(value)}}`, 400, 'invalid_request', [
          { field: 'instances', problem: `got ${type}` },
        ]);
      }
    },
  );
  check(
    'bad instances of every kind (null, an array, a number, "", a number for text) → each named once, by its own field, in order',
    1,
    `${VALIDATE}: parseBatch() — an instance that is not an object is named as instances[i]; its text as instances[i].text`,
    async () => {
      const instances = [null, ['hi'], 5, { text: '' }, { text: 'ok' }, { text: 4 }, { text: 'fine' }];
      const res = await call('POST', '/predict', { instances });
      expectDetails(res, `POST /predict {"instances": ${JSON.stringify(instances)}}`, 400, 'invalid_request', [
        { field: 'instances[0]', problem: 'got null' },
        { field: 'instances[1]', problem: 'got array' },
        { field: 'instances[2]', problem: 'got number' },
        { field: 'instances[3].text', problem: 'must not be empty' },
        { field: 'instances[5].text', problem: 'must be a string, got number' },
      ]);
    },
  );
  check(
    'text of only whitespace (spaces, tabs, line breaks, no-break and ideographic spaces) → 400 naming the field; words with spaces around them → 200',
    1,
    `${VALIDATE}: checkText() — a text whose trim() is empty has no words`,
    async () => {
      for (const text of [' ', ' \n\t ', '\r\n\r\n', '\u00a0\u3000\u2003']) {
        expectDetails(await call('POST', '/predict', { text }), `POST /predict {"text": ${JSON.stringify(text)}}`, 400, 'invalid_request', [
          { field: 'text', problem: 'whitespace' },
        ]);
      }
      const instances = [{ text: 'lunch at noon?' }, { text: '\t\t' }];
      expectDetails(
        await call('POST', '/predict', { instances }),
        `POST /predict {"instances": ${JSON.stringify(instances)}}`,
        400,
        'invalid_request',
        [{ field: 'instances[1].text', problem: 'whitespace' }],
      );
      const padded = await call('POST', '/predict', { text: '  lunch at noon?\n' });
      if (padded.status !== 200)
        throw new Error(
          `POST /predict {"text": "  lunch at noon?\\n"}: expected 200 (it has words), got ${padded.status} ${excerpt(padded)}`,
        );
    },
  );
});
