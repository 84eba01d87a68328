import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { errorHandler } from './errors';
import { jsonBody } from './json-body';

const LIMIT = 64;

/** An app that echoes what jsonBody parsed, behind the service's error middleware. */
async function echoServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const app = express();
  app.post(
    '/echo',
    jsonBody(LIMIT),
    (req: Request, res: Response) => void res.json({ body: req.body === undefined ? '<none>' : req.body }),
  );
  app.use(errorHandler(() => undefined));
  const server = app.listen(0, '127.0.0.1');
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

interface Reply {
  status: number;
  json: { body?: unknown; error?: { code: string; message: string } };
}

/** One raw request: full control over headers and how the body is sent. */
function send(port: number, headers: Record<string, string>, chunks: Array<string | Buffer>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/echo', method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Reply['json'] }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...extra });

describe('jsonBody', () => {
  let s: Awaited<ReturnType<typeof echoServer>>;
  before(async () => (s = await echoServer()));
  after(async () => s.close());

  it('parses an object, and any JSON value (the route validates the shape)', async () => {
    assert.deepEqual(await send(s.port, json(), ['{"text":"hi"}']), { status: 200, json: { body: { text: 'hi' } } });
    assert.deepEqual((await send(s.port, json(), ['[1,2]'])).json.body, [1, 2]);
    assert.deepEqual((await send(s.port, json({ 'content-type': 'application/vnd.api+json; charset=UTF-8' }), ['"x"'])).json.body, 'x');
  });

  it('joins a body that arrives in several chunks, and accepts a UTF-8 byte-order mark', async () => {
    assert.deepEqual((await send(s.port, json(), ['{"te', 'xt":"é', '"}'])).json.body, { text: 'é' });
    assert.deepEqual((await send(s.port, json(), [Buffer.from('\ufeff{"a":1}', 'utf8')])).json.body, { a: 1 });
  });

  it('reads an empty body as {} (express.json does), whatever its content type', async () => {
    assert.deepEqual(await send(s.port, { 'content-length': '0' }, []), { status: 200, json: { body: {} } });
    assert.deepEqual(await send(s.port, { 'content-type': 'text/plain', 'content-length': '0' }, []), { status: 200, json: { body: {} } });
  });

  it('answers 400 invalid_json for malformed JSON, saying where', async () => {
    const reply = await send(s.port, json(), ['{"text": "unfinished']);
    assert.equal(reply.status, 400);
    assert.equal(reply.json.error?.code, 'invalid_json');
    assert.match(reply.json.error?.message ?? '', /not valid JSON: .+/);
  });

  it('answers 415 for a body that is not JSON, not UTF-8, or compressed', async () => {
    for (const headers of [
      { 'content-type': 'text/plain' },
      json({ 'content-type': 'application/json; charset=latin1' }),
      json({ 'content-encoding': 'gzip' }),
    ]) {
      const reply = await send(s.port, headers, ['{"text":"hi"}']);
      assert.equal(reply.status, 415, JSON.stringify(headers));
      assert.equal(reply.json.error?.code, 'unsupported_media_type');
    }
    assert.equal((await send(s.port, {}, ['{"text":"hi"}'])).status, 415, 'no content type at all');
  });

  it('answers 413 over the limit, announced or streamed, and keeps serving', async () => {
    const big = `{"text":"${'x'.repeat(LIMIT)}"}`;
    const announced = await send(s.port, json(), [big]);
    assert.equal(announced.status, 413);
    assert.equal(announced.json.error?.code, 'payload_too_large');
    assert.match(announced.json.error?.message ?? '', new RegExp(`${LIMIT} bytes`));
    // Chunked transfer: no length up front, so the limit is found while reading.
    const streamed = await send(s.port, json({ 'transfer-encoding': 'chunked' }), [big.slice(0, 40), big.slice(40)]);
    assert.equal(streamed.status, 413);
    assert.equal((await send(s.port, json(), ['{"ok":true}'])).status, 200);
  });

  it('survives a client that hangs up mid-body', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: s.port,
        path: '/echo',
        method: 'POST',
        headers: json({ 'content-length': '50' }),
      });
      req.on('error', () => resolve());
      req.write('{"text":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    assert.equal((await send(s.port, json(), ['{"ok":true}'])).status, 200);
  });
});
