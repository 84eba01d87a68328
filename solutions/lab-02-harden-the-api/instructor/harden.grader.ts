/** Instructor checks for lab 02: the rest of the contract, limits at the edge, a latency budget. */
import { check, excerpt, expectEqual, submission } from '../../../grading/harness';
import { call, expectDetails, expectError, VALIDATE } from '../grader/http';

const WHERE = `${VALIDATE}: validatePredict()`;

/**
 * Generous on purpose: the reference answers in a few milliseconds; a busy grading machine must
 * not fail a correct solution, while a validator that scans or copies absurdly still does.
 */
const P95_BUDGET_MS = 250;

describe('lab-02 instructor checks', () => {
  check('both "text" and "instances" → 400', 1, WHERE, async () => {
    expectError(
      await call('POST', '/predict', { text: 'a', instances: [{ text: 'b' }] }),
      'POST /predict with both',
      400,
      'invalid_request',
    );
  });
  check('"instances": [] → 400 naming only "instances", whose problem says it is empty', 1, `${VALIDATE}: parseBatch()`, async () => {
    // An empty array is an array: a problem naming its type ("must be an array, got array") tells the client nothing.
    expectDetails(await call('POST', '/predict', { instances: [] }), 'POST /predict {"instances": []}', 400, 'invalid_request', [
      { field: 'instances', problem: 'empty' },
    ]);
  });
  check(
    'limits are inclusive: exactly MAX_TEXT_CHARS and MAX_BATCH are accepted',
    2,
    `${VALIDATE}: checkLengths() and parseBatch() use the limits they are given`,
    async () => {
      const limits = { maxTextChars: 40, maxBatch: 3 };
      const atText = await call('POST', '/predict', { text: 'b'.repeat(40) }, limits);
      if (atText.status !== 200)
        throw new Error(`a text of exactly 40 characters (limit 40): expected 200, got ${atText.status} ${excerpt(atText)}`);
      const atBatch = await call('POST', '/predict', { instances: [{ text: 'x' }, { text: 'y' }, { text: 'z' }] }, limits);
      if (atBatch.status !== 200)
        throw new Error(`a batch of exactly 3 (limit 3): expected 200, got ${atBatch.status} ${excerpt(atBatch)}`);
      expectError(
        await call('POST', '/predict', { instances: [{ text: 'x' }, { text: 'c'.repeat(41) }] }, limits),
        'instances[1] with 41 characters',
        413,
        'text_too_long',
        ['instances[1].text'],
      );
    },
  );
  check(
    'a batch over MAX_BATCH_CHARS characters in all → 413 batch_too_long; exactly at it → 200',
    1,
    `${VALIDATE}: checkBatchChars() and parseBatch()`,
    async () => {
      const limits = { maxTextChars: 40, maxBatch: 5, maxBatchChars: 100 };
      const at = await call('POST', '/predict', { instances: Array.from({ length: 4 }, () => ({ text: 'd'.repeat(25) })) }, limits);
      if (at.status !== 200)
        throw new Error(`4 texts of 25 characters (100 in all, limit 100): expected 200, got ${at.status} ${excerpt(at)}`);
      const over = await call('POST', '/predict', { instances: Array.from({ length: 3 }, () => ({ text: 'e'.repeat(34) })) }, limits);
      expectError(over, '3 texts of 34 characters (102 in all, limit 100), each under MAX_TEXT_CHARS', 413, 'batch_too_long', [
        'instances',
      ]);
    },
  );
  check('a request with many bad items lists at most 20 problems', 1, `${VALIDATE}: invalid() and MAX_LISTED_PROBLEMS`, async () => {
    const res = await call('POST', '/predict', { instances: Array.from({ length: 60 }, (_, i) => ({ text: i })) });
    expectError(res, 'POST /predict with 60 bad instances', 400, 'invalid_request', ['instances[0].text']);
    const n = (res.body.error?.details as unknown[] | undefined)?.length ?? 0;
    if (n > 20) throw new Error(`expected at most 20 listed problems, got ${n}`);
  });
  check('an inherited "text" (prototype) is not taken for client input', 1, `${VALIDATE}: ownField()`, async () => {
    const res = await call('POST', '/predict', { instances: [{ constructor: 'x' }] });
    expectError(res, 'POST /predict {"instances": [{"constructor": "x"}]}', 400, 'invalid_request', ['instances[0].text']);
    // Every object inherits "__proto__" (and, through it, Object.prototype): only a direct call
    // can hand ownField a key that is inherited but not the object's own.
    expectEqual(await submission().call(VALIDATE, 'ownField', [{}, '__proto__']), undefined, 'ownField({}, "__proto__")');
    expectEqual(await submission().call(VALIDATE, 'ownField', [{ text: 'hi' }, 'text']), 'hi', 'ownField({"text": "hi"}, "text")');
  });
  check(
    `latency budget: 200 mixed requests, 4 at a time, p95 < ${P95_BUDGET_MS} ms, never a 5xx; still ready after`,
    3,
    `${WHERE}: keep validation linear and cheap`,
    async () => {
      const bodies: unknown[] = [
        { text: 'Meeting moved to 3pm, see you there.' },
        { instances: [{ text: 'FREE money!!!' }, { text: 'lunch?' }] },
        { text: 5 },
        { instances: [] },
      ];
      const times: number[] = [];
      const statuses = new Set<number>();
      for (let round = 0; round < 50; round += 1) {
        await Promise.all(
          bodies.map(async (b) => {
            const t0 = process.hrtime.bigint();
            const res = await call('POST', '/predict', b);
            times.push(Number(process.hrtime.bigint() - t0) / 1e6);
            statuses.add(res.status);
          }),
        );
      }
      const bad = [...statuses].filter((s) => s >= 500 || s === 0);
      if (bad.length > 0 || !statuses.has(200))
        throw new Error(`expected only 200 and 4xx answers, got statuses ${[...statuses].join(', ')}`);
      times.sort((a, b) => a - b);
      const p95 = times[Math.floor(times.length * 0.95)] as number;
      if (p95 >= P95_BUDGET_MS)
        throw new Error(`expected p95 < ${P95_BUDGET_MS} ms, got ${p95.toFixed(1)} ms (median ${times[times.length >> 1]?.toFixed(1)} ms)`);
      const ready = await call('GET', '/health/ready');
      if (ready.status !== 200) throw new Error(`GET /health/ready after the load: expected 200, got ${ready.status} ${excerpt(ready)}`);
    },
  );
});
