import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Sandbox } from '../sandbox/client';
import { excerpt, expectStatus, request, requestJson, type JsonResponse } from './http';
import { disposeShared, once, servedApp, setSubmission } from './index';

/** What the test server saw of the last request. */
let seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string } = { headers: {}, body: '' };

function answer(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
  if (req.url === '/slow') return; // never answers: the client's time limit ends it
  if (req.url === '/text') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(400));
  if (req.url === '/array') return void res.writeHead(200).end('[1, 2]');
  res.writeHead(req.url === '/missing' ? 404 : 200, {
    'content-type': 'application/json',
    'x-echo': req.headers['authorization'] ?? 'none',
  });
  res.end(JSON.stringify(req.url === '/missing' ? { error: { code: 'not_found', message: 'no' } } : { ok: true, got: body }));
}

describe('harness HTTP', () => {
  let dir = '';
  let socket = '';
  let server: http.Server;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-http-'));
    socket = path.join(dir, 'app.sock');
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        answer(req, res, seen.body);
      });
    });
    await new Promise<void>((r) => server.listen(socket, r));
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('request', () => {
    it('sends a JSON body with its content type, and the headers it is given', async () => {
      const res = await request(socket, 'POST', '/predict', { text: 'hi' }, { headers: { authorization: 'Bearer t0ken' } });
      assert.equal(res.status, 200);
      assert.deepEqual([seen.method, seen.url, seen.body], ['POST', '/predict', '{"text":"hi"}']);
      assert.equal(seen.headers['content-type'], 'application/json');
      assert.equal(res.headers['x-echo'], 'Bearer t0ken');
    });
    it('sends a string body as is, and keeps a content type the caller names', async () => {
      await request(socket, 'POST', '/predict', '{"text": ', { headers: { 'Content-Type': 'text/plain' } });
      assert.equal(seen.body, '{"text": ');
      assert.equal(seen.headers['content-type'], 'text/plain');
    });
    it('sends no content type without a body', async () => {
      await request(socket, 'GET', '/health');
      assert.equal(seen.headers['content-type'], undefined);
    });
    it('fails with the method and path when the app does not answer in time', async () => {
      await assert.rejects(request(socket, 'GET', '/slow', undefined, { timeoutMs: 200 }), /GET \/slow: no response within 200 ms/);
    });
  });

  describe('requestJson', () => {
    it('parses a JSON object body and keeps the text', async () => {
      const res = await requestJson(socket, 'POST', '/predict', { text: 'a' });
      assert.deepEqual(res.body, { ok: true, got: '{"text":"a"}' });
      assert.equal(res.raw, JSON.stringify(res.body));
    });
    it('gives an empty body for text or a JSON array, with the text in raw', async () => {
      const text = await requestJson(socket, 'GET', '/text');
      assert.deepEqual([text.body, text.raw.length], [{}, 400]);
      assert.deepEqual((await requestJson(socket, 'GET', '/array')).body, {});
    });
  });

  describe('expectStatus', () => {
    const res = (status: number, body: Record<string, unknown>, raw = JSON.stringify(body)): JsonResponse => ({
      status,
      headers: {},
      body,
      raw,
    });
    it('passes on the expected status and error code', () => {
      expectStatus(res(200, {}), 200, 'GET /');
      expectStatus(res(404, { error: { code: 'not_found' } }), 404, 'GET /x', 'not_found');
    });
    it('fails naming what was sent, what was expected and the start of the body', () => {
      assert.throws(() => expectStatus(res(500, {}, 'boom'), 200, 'POST /predict'), {
        message: 'POST /predict: expected HTTP 200, got 500 with body boom',
      });
      assert.throws(
        () => expectStatus(res(404, { error: { code: 'nope' } }), 404, 'GET /x', 'not_found'),
        /GET \/x: expected HTTP 404 with error.code "not_found", got 404/,
      );
    });
    it('quotes at most 300 characters of the body', () => {
      assert.equal(excerpt({ raw: 'y'.repeat(301) }), `${'y'.repeat(300)}…`);
      assert.equal(excerpt({ raw: 'short' }), 'short');
    });
  });
});

describe('once, disposeShared and servedApp', () => {
  /** A stand-in submission that counts the apps it starts. */
  const fake = (): Sandbox & { started: unknown[][] } => {
    const started: unknown[][] = [];
    return { started, serve: async (...a: unknown[]) => (started.push(a), `socket-${started.length}`) } as unknown as Sandbox & {
      started: unknown[][];
    };
  };
  afterEach(() => setSubmission(undefined));

  it('runs make once per submission and key', async () => {
    const a = fake();
    setSubmission(a);
    let runs = 0;
    const make = async (): Promise<number> => ++runs;
    assert.deepEqual([await once('k', make), await once('k', make), await once('other', make)], [1, 1, 2]);
    setSubmission(fake());
    assert.equal(await once('k', make), 3, 'a new submission starts afresh');
  });
  it('disposes of what once made with a dispose when the grading ends: once each, newest first, then forgets it', async () => {
    const s = fake();
    setSubmission(s);
    const disposed: string[] = [];
    const dispose = async (made: string): Promise<void> => void disposed.push(made);
    await once('image', async () => 'image', { dispose });
    await once('image', async () => 'second image', { dispose });
    await once('container', async () => 'container', { dispose });
    await once('plain', async () => 'plain');
    await disposeShared(s);
    assert.deepEqual(disposed, ['container', 'image']);
    await disposeShared(s);
    assert.deepEqual(disposed, ['container', 'image'], 'a second call disposes of nothing more');
    assert.equal(await once('image', async () => 'rebuilt'), 'rebuilt', 'what was disposed of is made again');
  });
  it('disposes of nothing for a make that failed, and goes on past a disposal that throws', async () => {
    const s = fake();
    setSubmission(s);
    const disposed: string[] = [];
    await once('fails', () => Promise.reject(new Error('build failed')), { dispose: async () => void disposed.push('fails') }).catch(
      () => undefined,
    );
    await once('ok', async () => 'ok', { dispose: async (made) => void disposed.push(made) });
    await once('throws', async () => 'throws', {
      dispose: async () => {
        throw new Error('rmi failed');
      },
    });
    await disposeShared(s);
    assert.deepEqual(disposed, ['ok']);
  });
  it('starts one app per file, factory, arguments and instance, passing the start limit', async () => {
    const s = fake();
    setSubmission(s);
    const first = await servedApp('src/app.ts', 'createLabApp', [{ limit: 1 }], { startMs: 10_000 });
    assert.equal(await servedApp('src/app.ts', 'createLabApp', [{ limit: 1 }], { startMs: 10_000 }), first);
    assert.notEqual(await servedApp('src/app.ts', 'createLabApp', [{ limit: 2 }]), first);
    assert.notEqual(await servedApp('src/app.ts', 'createLabApp', [{ limit: 1 }], { instance: 'fresh' }), first);
    assert.equal(s.started.length, 3);
    assert.deepEqual(s.started[0], ['src/app.ts', 'createLabApp', [{ limit: 1 }], 10_000]);
  });
});
