/**
 * Instructor checks for lab 02: limits on real text and on requests that break several at once.
 * The limits count characters (UTF-16 code units, as `RequestLimits` documents), and mail is
 * not all ASCII: a limit counted in bytes refuses a French or Japanese message half its length.
 */
import { check, excerpt } from '../../../grading/harness';
import { call, expectDetails, VALIDATE } from '../grader/http';

const LIMITS = { maxTextChars: 40, maxBatch: 3, maxBatchChars: 100 };

async function expectOk(body: unknown, what: string): Promise<void> {
  const res = await call('POST', '/predict', body, LIMITS);
  if (res.status !== 200) throw new Error(`${what}: expected 200, got ${res.status} ${excerpt(res)}`);
}

describe('lab-02 instructor checks: limits', () => {
  check(
    'non-ASCII text counts characters, not bytes: exactly MAX_TEXT_CHARS and MAX_BATCH_CHARS of é, ü, 日, 😀 → 200; one more → 413',
    1,
    `${VALIDATE}: checkLengths() and checkBatchChars() — count text.length, not Buffer.byteLength`,
    async () => {
      await expectOk({ text: 'é'.repeat(40) }, '"é" × 40 (40 characters, 80 bytes; limit 40)');
      await expectOk({ text: '😀'.repeat(20) }, '"😀" × 20 (40 UTF-16 code units, 80 bytes; limit 40)');
      expectDetails(await call('POST', '/predict', { text: 'é'.repeat(41) }, LIMITS), '"é" × 41 (limit 40)', 413, 'text_too_long', [
        { field: 'text' },
      ]);
      const batch = (last: number): unknown => ({
        instances: [{ text: 'ü'.repeat(40) }, { text: '日'.repeat(40) }, { text: 'ß'.repeat(last) }],
      });
      await expectOk(batch(20), 'a batch of "ü" × 40, "日" × 40, "ß" × 20 (100 characters, 240 bytes; MAX_BATCH_CHARS 100)');
      expectDetails(
        await call('POST', '/predict', batch(21), LIMITS),
        'the same batch with "ß" × 21 (101 characters)',
        413,
        'batch_too_long',
        [{ field: 'instances' }],
      );
    },
  );
  check(
    'the limits count UTF-16 code units, as documented: "😀" × 20 + "a" (41 code units) → 413, and a batch of emoji over MAX_BATCH_CHARS → 413',
    1,
    `${VALIDATE}: checkLengths() and checkBatchChars() — text.length, not [...text].length (code points)`,
    async () => {
      expectDetails(
        await call('POST', '/predict', { text: `${'😀'.repeat(20)}a` }, LIMITS),
        '"😀" × 20 + "a" (41 UTF-16 code units, 21 code points; limit 40)',
        413,
        'text_too_long',
        [{ field: 'text' }],
      );
      const emoji = { instances: [{ text: '🍕'.repeat(20) }, { text: '🎉'.repeat(20) }, { text: '🚀'.repeat(11) }] };
      expectDetails(
        await call('POST', '/predict', emoji, LIMITS),
        'a batch of "🍕" × 20, "🎉" × 20, "🚀" × 11 (102 code units, 51 code points; MAX_BATCH_CHARS 100)',
        413,
        'batch_too_long',
        [{ field: 'instances' }],
      );
    },
  );
  check(
    'a batch that breaks several rules gets the documented answer: its count first, then its items, then each text, then the total',
    1,
    `${VALIDATE}: parseBatch() — MAX_BATCH (413), then every item (400), then checkLengths, then checkBatchChars`,
    async () => {
      const numbers = { instances: [{ text: 1 }, { text: 2 }, { text: 3 }, { text: 4 }] };
      expectDetails(await call('POST', '/predict', numbers, LIMITS), '4 bad instances (MAX_BATCH 3)', 413, 'batch_too_large', [
        { field: 'instances' },
      ]);
      const longAndBad = { instances: [{ text: 'c'.repeat(41) }, { text: 7 }] };
      expectDetails(await call('POST', '/predict', longAndBad, LIMITS), 'a 41-character text, then a number', 400, 'invalid_request', [
        { field: 'instances[1].text' },
      ]);
      const longInLongBatch = { instances: [{ text: 'x'.repeat(30) }, { text: 'y'.repeat(41) }, { text: 'z'.repeat(35) }] };
      expectDetails(
        await call('POST', '/predict', longInLongBatch, LIMITS),
        'texts of 30, 41 and 35 characters (106 in all; MAX_TEXT_CHARS 40, MAX_BATCH_CHARS 100)',
        413,
        'text_too_long',
        [{ field: 'instances[1].text' }],
      );
    },
  );
  check(
    "every 413's problem states the size it found and the limit: a text, a batch's count and a batch's characters in all",
    1,
    `${VALIDATE}: checkLengths(), parseBatch() and checkBatchChars() — the problem says "has <size> …; the limit is <limit>"`,
    async () => {
      // A client told only "too large" cannot tell how far to cut: the numbers are the answer.
      const cases: [unknown, string, string, string, number, number][] = [
        [{ text: 'a'.repeat(43) }, 'a text of 43 characters (limit 40)', 'text_too_long', 'text', 43, 40],
        [
          { instances: [{ text: 'b' }, { text: 7 }, 'c', {}, { text: 'd' }] },
          '5 instances (MAX_BATCH 3)',
          'batch_too_large',
          'instances',
          5,
          3,
        ],
        [
          { instances: [{ text: 'e'.repeat(34) }, { text: 'f'.repeat(34) }, { text: 'g'.repeat(34) }] },
          '3 texts of 34 characters (102 in all; MAX_BATCH_CHARS 100)',
          'batch_too_long',
          'instances',
          102,
          100,
        ],
      ];
      for (const [body, what, code, field, size, limit] of cases) {
        const res = await call('POST', '/predict', body, LIMITS);
        expectDetails(res, what, 413, code, [{ field }]);
        const problem = String((res.body.error?.details as { problem?: unknown }[] | undefined)?.[0]?.problem);
        for (const [name, n] of [
          ['size', size],
          ['limit', limit],
        ] as const) {
          if (!new RegExp(`(^|\\D)${n}(\\D|$)`).test(problem))
            throw new Error(`${what}: expected the problem with ${field} to state the ${name}, ${n}, got ${JSON.stringify(problem)}`);
        }
      }
    },
  );
  check(
    'a limit of 0 is a limit, not "no limit": nothing fits it (MAX_TEXT_CHARS, MAX_BATCH and MAX_BATCH_CHARS of 0 each refuse with their 413)',
    1,
    `${VALIDATE}: checkLengths(), parseBatch() and checkBatchChars() — only an undefined maxBatchChars means no bound; test a limit with > (or === undefined), never with !limit`,
    async () => {
      const batch = { instances: [{ text: 'lunch?' }, { text: 'at noon' }] };
      const noChars = { maxBatchChars: 0 };
      expectDetails(await call('POST', '/predict', batch, noChars), 'a batch of 13 characters (MAX_BATCH_CHARS 0)', 413, 'batch_too_long', [
        { field: 'instances' },
      ]);
      const nothing = { maxTextChars: 0, maxBatch: 0 };
      expectDetails(
        await call('POST', '/predict', { text: 'lunch?' }, nothing),
        'a text of 6 characters (MAX_TEXT_CHARS 0)',
        413,
        'text_too_long',
        [{ field: 'text' }],
      );
      expectDetails(await call('POST', '/predict', batch, nothing), 'a batch of 2 instances (MAX_BATCH 0)', 413, 'batch_too_large', [
        { field: 'instances' },
      ]);
    },
  );
});
