import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { postJson } from '../../server-template/src/testing';
import { batchOf, singleTexts } from './pathological-inputs';
import { startFixtureService, type FixtureService } from './testing';

/**
 * Generous bounds, so a busy machine does not fail them, yet far below the seconds the old
 * tokenizer and drift features took (`npm run bench -- stall` measures the real figures).
 */
const ANSWER_MS = 2_000;
const LIVE_GAP_MS = 1_000;
/** The prediction log writes the features after the answer: keep watching this long. */
const AFTER_MS = 400;

interface Watched {
  status: number;
  body: { error?: { code?: string } };
  answerMs: number;
  /** Longest time /health/live went without an answer while the request and its log write ran. */
  maxGapMs: number;
  polls: number;
}

describe('reference service: one request cannot stall it (pathological input)', function () {
  this.timeout(120_000);
  let s: FixtureService;
  before(async () => {
    s = await startFixtureService({ MAX_TEXT_CHARS: '100000', MAX_BATCH: '100', MAX_BATCH_CHARS: '1000000' });
  });
  after(() => s.dispose());

  async function watchLive(done: () => boolean): Promise<{ maxGapMs: number; polls: number }> {
    let last = performance.now();
    let maxGapMs = 0;
    let polls = 0;
    const deadline = last + 60_000;
    while (!done() && polls < 5_000 && performance.now() < deadline) {
      const res = await fetch(`${s.url}/health/live`);
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      const now = performance.now();
      maxGapMs = Math.max(maxGapMs, now - last);
      last = now;
      polls++;
      await sleep(5);
    }
    return { maxGapMs, polls };
  }

  /** POST /predict `body` while /health/live is polled; the watch goes on AFTER_MS past the answer. */
  async function send(body: unknown): Promise<Watched> {
    let finished = false;
    const watch = watchLive(() => finished);
    const t0 = performance.now();
    const res = await postJson(`${s.url}/predict`, body);
    const answer = (await res.json()) as Watched['body'];
    const answerMs = performance.now() - t0;
    await sleep(AFTER_MS);
    finished = true;
    return { status: res.status, body: answer, answerMs, ...(await watch) };
  }

  function assertQuick(w: Watched, what: string): void {
    assert.ok(w.polls > 0, `${what}: /health/live was never answered`);
    assert.ok(w.answerMs < ANSWER_MS, `${what}: answered in ${w.answerMs.toFixed(0)} ms (bound ${ANSWER_MS} ms)`);
    assert.ok(w.maxGapMs < LIVE_GAP_MS, `${what}: /health/live went ${w.maxGapMs.toFixed(0)} ms unanswered (bound ${LIVE_GAP_MS} ms)`);
  }

  for (const { name, body } of singleTexts(100_000)) {
    it(`answers one text of ${name} characters quickly and stays live`, async () => {
      const w = await send(body);
      assert.equal(w.status, 200, JSON.stringify(w.body));
      assertQuick(w, name);
    });
  }

  it('answers a 1 MB batch of 10 such texts (exactly MAX_BATCH_CHARS) quickly and stays live', async () => {
    const w = await send(batchOf(10, 100_000));
    assert.equal(w.status, 200, JSON.stringify(w.body));
    assertQuick(w, '10 × 100,000 characters');
  });

  it('refuses a batch one character over MAX_BATCH_CHARS with 413 batch_too_long, quickly', async () => {
    const body = batchOf(10, 100_000);
    body.instances.push({ text: '.' });
    const w = await send(body);
    assert.equal(w.status, 413);
    assert.equal(w.body.error?.code, 'batch_too_long');
    assertQuick(w, '1,000,001 characters in 11 texts');
  });
});
