import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino from 'pino';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LOG_FLUSH_MS, bufferedDestination, createLogger, flushLogs, levelFor, logRequest, type RequestRecord } from './logging';
import { startTestApp, workingDeps } from './testing';

/** A pino logger whose lines land in `lines`, parsed. */
function capture(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

const record = (over: Partial<RequestRecord> = {}): RequestRecord => ({
  id: 'r1',
  method: 'POST',
  url: '/predict',
  statusCode: 200,
  responseTimeMs: 1.23456,
  completed: true,
  ...over,
});

describe('request logging', () => {
  it('chooses the level from the status and whether the response completed', () => {
    assert.equal(levelFor(record()), 'info');
    assert.equal(levelFor(record({ statusCode: 404 })), 'info');
    assert.equal(levelFor(record({ statusCode: 500 })), 'error');
    assert.equal(levelFor(record({ statusCode: 503 })), 'warn');
    assert.equal(levelFor(record({ statusCode: 501 })), 'warn');
    assert.equal(levelFor(record({ completed: false })), 'warn');
  });

  it('writes id, method, url, status and response time, and nothing from the body', async () => {
    const { logger, lines } = capture();
    logRequest(logger, record({ statusCode: 500 }));
    logRequest(logger, record({ completed: false, id: 'r2' }));
    await new Promise((r) => setImmediate(r));
    assert.equal(lines.length, 2);
    assert.deepEqual(
      { level: lines[0].level, msg: lines[0].msg, req: lines[0].req, res: lines[0].res, responseTime: lines[0].responseTime },
      {
        level: 50,
        msg: 'request completed',
        req: { id: 'r1', method: 'POST', url: '/predict' },
        res: { statusCode: 500 },
        responseTime: 1.235,
      },
    );
    assert.equal(lines[1].msg, 'request aborted');
  });

  it('logs one line per request of a running app, with the id it answered with', async () => {
    const { logger, lines } = capture();
    const s = await startTestApp(workingDeps(), {}, logger);
    try {
      const res = await fetch(`${s.url}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'trace-7' },
        body: JSON.stringify({ text: 'a secret message' }),
      });
      assert.equal(res.status, 200);
      await fetch(`${s.url}/nowhere`);
      const deadline = Date.now() + 5_000;
      while (lines.filter((l) => l.msg === 'request completed').length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
    } finally {
      await s.shutdown();
    }
    const done = lines.filter((l) => l.msg === 'request completed');
    assert.deepEqual(
      done.map((l) => [
        (l.req as { id: string }).id === 'trace-7',
        (l.req as { url: string }).url,
        (l.res as { statusCode: number }).statusCode,
      ]),
      [
        [true, '/predict', 200],
        [false, '/nowhere', 404],
      ],
    );
    assert.ok(!JSON.stringify(lines).includes('a secret message'), 'the message text must not be logged');
  });

  it("writes a quiet service's lines within the flush interval, not only once 4 KB piled up", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'log-flush-'));
    const file = path.join(dir, 'out.log');
    // The destination stdout gets in production: without its timer, nothing before 4 KB.
    const logger = createLogger('info', bufferedDestination(file));
    try {
      logger.info('listening');
      const deadline = Date.now() + LOG_FLUSH_MS * 8;
      let text = '';
      while (!text.includes('listening') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          // Not created yet.
        }
      }
      assert.match(text, /"msg":"listening"/);
    } finally {
      await flushLogs(logger);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
