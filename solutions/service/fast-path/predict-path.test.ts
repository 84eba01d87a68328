import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createApp } from '../../../server-template/src/app';
import type { RequestValidator, ServiceDeps } from '../../../server-template/src/contracts';
import { HttpError } from '../../../server-template/src/errors';
import { holePredictor } from '../../../server-template/src/holes';
import { MemoryRegistry, TEST_CONFIG, fakeModel, workingDeps } from '../../../server-template/src/testing';
import { isPredictRequest, predictPath, withFastPath } from './predict-path';

/** A validator for one text or a batch, strict enough to produce every 400 the contract has. */
const validator: RequestValidator = {
  parsePredict(body, limits) {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new HttpError(400, 'invalid_request', 'Body must be a JSON object.');
    if (Object.hasOwn(body, 'instances')) {
      const instances = (body as { instances: unknown }).instances;
      if (!Array.isArray(instances)) throw new HttpError(400, 'invalid_request', 'instances must be an array', [{ field: 'instances' }]);
      if (instances.length > limits.maxBatch) throw new HttpError(413, 'batch_too_large', 'too many instances');
      return { kind: 'batch', texts: instances.map((i: unknown) => String((i as { text?: unknown }).text)) };
    }
    const text = Object.hasOwn(body, 'text') ? (body as { text: unknown }).text : undefined;
    if (typeof text !== 'string') throw new HttpError(400, 'invalid_request', 'text must be a string', [{ field: 'text' }]);
    if (text.length > limits.maxTextChars) throw new HttpError(413, 'text_too_long', 'text is too long');
    return { kind: 'single', texts: [text] };
  },
};

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with full control over its headers and body chunks; the raw answer back. */
function send(port: number, path: string, headers: Record<string, string>, chunks: Array<string | Buffer>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'x-request-id': 'parity-1', ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

/** Serves `listener` on 127.0.0.1 with a log of its request lines; close() when done. */
async function serve(listener: http.RequestListener): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer(listener).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r(undefined));
      }),
  };
}

function capture(): { logger: pino.Logger; lines: Array<{ req?: { url: string }; res?: { statusCode: number }; msg: string }> } {
  const lines: Array<{ msg: string }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as { msg: string });
      cb();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

const json = { 'content-type': 'application/json' };

/** Requests POST /predict can get, good and bad: [name, path, headers, body chunks, expected status]. */
const CASES: Array<[string, string, Record<string, string>, Array<string | Buffer>, number]> = [
  ['one text', '/predict', json, ['{"text": "Free money now!!!"}'], 200],
  ['a batch', '/predict', json, ['{"instances": [{"text": "hi"}, {"text": "free money"}]}'], 200],
  ['a query string', '/predict?explain=1', json, ['{"text": "hello"}'], 200],
  ['a body in pieces', '/predict', { ...json, 'transfer-encoding': 'chunked' }, ['{"text": "Free ', 'money"}'], 200],
  [
    'a UTF-8 charset and a byte-order mark',
    '/predict',
    { 'content-type': 'application/json; charset=UTF-8' },
    ['\ufeff{"text": "caf\u00e9"}'],
    200,
  ],
  ['malformed JSON', '/predict', json, ['{"text": "unfinished'], 400],
  ['no body', '/predict', json, [], 400],
  ['an empty body, chunked', '/predict', { ...json, 'transfer-encoding': 'chunked' }, [''], 400],
  ['JSON that is not an object', '/predict', json, ['[1, 2]'], 400],
  ['a missing field', '/predict', json, ['{"txt": "hello"}'], 400],
  ['a wrong type', '/predict', json, ['{"text": 42}'], 400],
  ['a __proto__ key', '/predict', json, ['{"__proto__": {"text": "x"}}'], 400],
  ['a text over the limit', '/predict', json, [JSON.stringify({ text: 'x'.repeat(TEST_CONFIG.maxTextChars + 1) })], 413],
  [
    'a batch over the limit',
    '/predict',
    json,
    [JSON.stringify({ instances: Array.from({ length: TEST_CONFIG.maxBatch + 1 }, () => ({ text: 'a' })) })],
    413,
  ],
  ['a body over the limit, announced', '/predict', json, [JSON.stringify({ text: 'x'.repeat(TEST_CONFIG.maxBodyBytes) })], 413],
  [
    'a body over the limit, chunked',
    '/predict',
    { ...json, 'transfer-encoding': 'chunked' },
    ['{"text": "', 'x'.repeat(TEST_CONFIG.maxBodyBytes), '"}'],
    413,
  ],
  ['text/plain', '/predict', { 'content-type': 'text/plain' }, ['Free money'], 415],
  ['a latin-1 charset', '/predict', { 'content-type': 'application/json; charset=latin1' }, ['{"text": "x"}'], 415],
  ['gzip', '/predict', { ...json, 'content-encoding': 'gzip' }, ['{"text": "x"}'], 415],
];

/** The headers both paths must agree on (date and connection handling are the server's). */
function comparable(raw: Raw): Record<string, unknown> {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = raw.headers;
  return { status: raw.status, headers: rest, body: raw.body };
}

/** The series of one scrape that do not depend on timing: counters and request counts. */
async function countSeries(port: number): Promise<string[]> {
  const text = await new Promise<string>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/metrics' }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
  return text
    .split('\n')
    .filter((l) => /^(predictions_total|http_errors_total|http_request_duration_seconds_count)\{/.test(l) && !l.includes('/metrics'));
}

describe('POST /predict on the fast path', () => {
  it('takes POST /predict with or without a query string, and nothing else', () => {
    const req = (method: string, url: string) => ({ method, url }) as http.IncomingMessage;
    assert.equal(isPredictRequest(req('POST', '/predict')), true);
    assert.equal(isPredictRequest(req('POST', '/predict?x=1')), true);
    for (const [method, url] of [
      ['GET', '/predict'],
      ['POST', '/predict/'],
      ['POST', '/PREDICT'],
      ['POST', '/predictions'],
      ['POST', '/predict/x'],
      ['POST', '/'],
    ]) {
      assert.equal(isPredictRequest(req(method, url)), false, `${method} ${url}`);
    }
  });

  describe('answers, counts and logs exactly like the Express route', () => {
    const deps = (): ServiceDeps => workingDeps({ validator });
    let viaExpress: { port: number; close: () => Promise<void> };
    let viaNode: { port: number; close: () => Promise<void> };
    const logs = { express: capture(), node: capture() };
    before(async () => {
      viaExpress = await serve(createApp(deps(), { config: TEST_CONFIG, logger: logs.express.logger }).app);
      viaNode = await serve(withFastPath(createApp(deps(), { config: TEST_CONFIG, logger: logs.node.logger })));
    });
    after(async () => {
      await viaExpress.close();
      await viaNode.close();
    });

    for (const [name, path, headers, chunks, status] of CASES) {
      it(`${name}: ${status}`, async () => {
        const express = await send(viaExpress.port, path, headers, chunks);
        const node = await send(viaNode.port, path, headers, chunks);
        assert.equal(express.status, status, `Express route: ${express.body}`);
        assert.deepEqual(comparable(node), comparable(express));
        assert.match(node.headers['content-type'] as string, /^application\/json; charset=utf-8$/);
        assert.equal(node.headers['x-request-id'], 'parity-1');
      });
    }

    it('counts the same predictions, errors and requests (route "/predict")', async () => {
      const node = await countSeries(viaNode.port);
      assert.deepEqual(node, await countSeries(viaExpress.port));
      const ok = CASES.filter((c) => c[4] === 200).length;
      assert.ok(
        node.includes(`http_request_duration_seconds_count{method="POST",route="/predict",status_code="200"} ${ok}`),
        node.join('\n'),
      );
      assert.ok(
        node.some((l) => l.startsWith('http_errors_total{code="unsupported_media_type"} 3')),
        node.join('\n'),
      );
    });

    it('logs one line per request with the same url and status', () => {
      const requestLines = (lines: typeof logs.node.lines) =>
        lines
          .filter((l) => l.msg === 'request completed' && l.req?.url.startsWith('/predict'))
          .map((l) => `${l.req?.url} ${l.res?.statusCode}`);
      const node = requestLines(logs.node.lines);
      assert.equal(node.length, CASES.length);
      assert.deepEqual(node.sort(), requestLines(logs.express.lines).sort());
    });
  });

  describe('when the parts cannot answer', () => {
    const both = async (deps: () => ServiceDeps, check: (raw: Raw) => void): Promise<void> => {
      const app = (): ReturnType<typeof createApp> => createApp(deps(), { config: TEST_CONFIG, logger: pino({ level: 'silent' }) });
      for (const listener of [withFastPath(app()), app().app]) {
        const server = await serve(listener);
        try {
          check(await send(server.port, '/predict', json, ['{"text": "Free money"}']));
        } finally {
          await server.close();
        }
      }
    };

    it('503 before a model is loaded', async () => {
      await both(
        () => workingDeps({ models: new MemoryRegistry([fakeModel()], false) }),
        (raw) => {
          assert.equal(raw.status, 503);
          assert.equal((JSON.parse(raw.body) as { error: { code: string } }).error.code, 'model_not_ready');
        },
      );
    });

    it('501 naming the lab while the predictor is a hole', async () => {
      await both(
        () => workingDeps({ predictor: holePredictor }),
        (raw) => {
          assert.equal(raw.status, 501);
          assert.match(raw.body, /lab-01-ship-the-model/);
        },
      );
    });

    it('500, not a crash, when observing the request throws', async () => {
      const errors: string[] = [];
      const listener = predictPath({
        maxBodyBytes: 1024,
        answer: () => ({ prediction: 'ham', probability: 0, model: { name: 'spam', version: '1' } }),
        observe: () => {
          throw new TypeError('observer bug');
        },
        onError: (error) => errors.push(error.code),
      });
      const server = await serve(listener);
      try {
        const raw = await send(server.port, '/predict', json, ['{"text": "x"}']);
        assert.equal(raw.status, 500);
        assert.deepEqual(JSON.parse(raw.body), { error: { code: 'internal', message: 'Internal server error.' } });
        assert.deepEqual(errors, ['internal']);
      } finally {
        await server.close();
      }
    });

    it('500 without details when a part throws unexpectedly', async () => {
      await both(
        () =>
          workingDeps({
            predictor: {
              predict: () => {
                throw new TypeError('boom at secret.ts:1:2');
              },
            },
          }),
        (raw) => {
          assert.equal(raw.status, 500);
          assert.deepEqual(JSON.parse(raw.body), { error: { code: 'internal', message: 'Internal server error.' } });
        },
      );
    });
  });
});
