/**
 * Instructor checks for lab 02: the edges of what a client sends. A limit counts the text as
 * sent, spaces included (the model gets it unchanged, so it does the work for every character);
 * a field is present whatever its value, `null` included; the first text over the limit is the
 * one named; and a body that is not an object is named by the type it is.
 */
import { check } from '../../../grading/harness';
import { call, expectDetails, VALIDATE } from '../grader/http';

const LIMITS = { maxTextChars: 40, maxBatch: 3, maxBatchChars: 100 };
const post = (body: unknown) => call('POST', '/predict', body, LIMITS);
/** `n` characters: a word with a space on each side, so `trim()` would count two fewer. */
const padded = (n: number): string => ` ${'w'.repeat(n - 2)} `;

describe('lab-02 instructor checks: edges', () => {
  check(
    'limits count the text as sent, whitespace included: 41 characters with a space at each end → 413, in a batch too, and a padded batch over MAX_BATCH_CHARS → 413',
    1,
    `${VALIDATE}: checkLengths() and checkBatchChars() — text.length of the text as sent, never text.trim().length`,
    async () => {
      expectDetails(await post({ text: padded(41) }), '" " + "w" × 39 + " " (41 characters; limit 40)', 413, 'text_too_long', [
        { field: 'text' },
      ]);
      expectDetails(
        await post({ instances: [{ text: 'hi' }, { text: padded(41) }] }),
        'a batch whose second text is " " + "w" × 39 + " " (41 characters)',
        413,
        'text_too_long',
        [{ field: 'instances[1].text' }],
      );
      expectDetails(
        await post({ instances: [{ text: padded(34) }, { text: padded(34) }, { text: padded(34) }] }),
        'three texts of " " + "w" × 32 + " " (102 characters in all; MAX_BATCH_CHARS 100)',
        413,
        'batch_too_long',
        [{ field: 'instances' }],
      );
    },
  );
  check(
    'a field is present whatever its value: "text" and "instances" with one of them null → 400 "not both"; an instance\'s "text": null names the type',
    1,
    `${VALIDATE}: validatePredict() and parseBatch() — compare with undefined (absent), never with == null`,
    async () => {
      const cases: unknown[] = [
        { text: null, instances: [{ text: 'lunch?' }] },
        { text: 'lunch?', instances: null },
      ];
      for (const body of cases)
        expectDetails(await post(body), `POST /predict ${JSON.stringify(body)}`, 400, 'invalid_request', [
          { field: '(body)', problem: 'not both' },
        ]);
      const nullText = { instances: [{ text: 'lunch?' }, { text: null }] };
      expectDetails(await post(nullText), `POST /predict ${JSON.stringify(nullText)}`, 400, 'invalid_request', [
        { field: 'instances[1].text', problem: 'must be a string, got null' },
      ]);
    },
  );
  check(
    'the first text over MAX_TEXT_CHARS is the one named: texts of 10, 41 and 45 characters → 413 naming instances[1].text',
    1,
    `${VALIDATE}: checkLengths() — the first index whose text is too long`,
    async () => {
      const body = { instances: [{ text: 'a'.repeat(10) }, { text: 'b'.repeat(41) }, { text: 'c'.repeat(45) }] };
      expectDetails(await post(body), 'texts of 10, 41 and 45 characters (96 in all; limit 40 each)', 413, 'text_too_long', [
        { field: 'instances[1].text' },
      ]);
    },
  );
  check(
    'a body that is not a JSON object (an array, a string, a number, null) → 400 with one problem on "(body)" naming its type',
    1,
    `${VALIDATE}: validatePredict() — an array is not an object here, and jsonType() names what it is`,
    async () => {
      const cases: [unknown, string][] = [
        [[{ text: 'lunch?' }], 'array'],
        ['"lunch?"', 'string'],
        ['42', 'number'],
        ['null', 'null'],
      ];
      for (const [body, type] of cases) {
        const sent = typeof body === 'string' ? body : JSON.stringify(body);
        expectDetails(await post(body), `POST /predict ${sent}`, 400, 'invalid_request', [
          { field: '(body)', problem: `must be a JSON object, got ${type}` },
        ]);
      }
    },
  );
});
