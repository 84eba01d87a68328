import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { clientErrorResponse } from './client-errors';
import { startTestApp, workingDeps, type Started } from './testing';

/** Send `head` and nothing more; resolve with what the server sent until it closed, and when. */
function stall(url: string, head: string): Promise<{ response: string; afterMs: number }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const began = Date.now();
    let response = '';
    const socket: Socket = connect(Number(port), '127.0.0.1', () => socket.write(head));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (response += chunk));
    socket.once('error', reject);
    socket.once('close', () => resolve({ response, afterMs: Date.now() - began }));
    setTimeout(() => socket.destroy(new Error(`still open after 20 s; got ${JSON.stringify(response)}`)), 20_000).unref();
  });
}

function jsonBody(response: string): { error: { code: string } } {
  return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as { error: { code: string } };
}

describe('request timeouts', () => {
  let s: Started;
  before(async () => {
    s = await startTestApp(workingDeps(), {}, undefined, { requestTimeoutMs: 1_000, headersTimeoutMs: 800 });
  });
  after(() => s.shutdown());

  it('a body that stops arriving gets a JSON 408 and its connection closed, within seconds', async () => {
    const head = 'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"text": "fr';
    const { response, afterMs } = await stall(s.url, head);
    assert.match(response, /^HTTP\/1\.1 408 /);
    assert.match(response, /\r\nContent-Type: application\/json/i);
    assert.match(response, /\r\nConnection: close\r\n/i);
    assert.equal(jsonBody(response).error.code, 'request_timeout');
    assert.ok(afterMs < 8_000, `closed after ${afterMs} ms`);
  });

  it('headers that stop arriving get a JSON 408 too', async () => {
    const { response } = await stall(s.url, 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    assert.match(response, /^HTTP\/1\.1 408 /);
    assert.equal(jsonBody(response).error.code, 'request_timeout');
  });

  it('a request that is not HTTP gets a JSON 400', async () => {
    const { response } = await stall(s.url, 'HELLO THERE\r\n\r\n');
    assert.match(response, /^HTTP\/1\.1 400 /);
    assert.equal(jsonBody(response).error.code, 'bad_request');
  });

  it('a prompt request is not affected', async () => {
    assert.equal((await fetch(`${s.url}/health/live`)).status, 200);
  });
});

describe('clientErrorResponse', () => {
  it('states a Content-Length that matches its JSON body', () => {
    const raw = clientErrorResponse('HPE_HEADER_OVERFLOW');
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    assert.match(raw, /^HTTP\/1\.1 431 /);
    assert.match(raw, new RegExp(`Content-Length: ${Buffer.byteLength(body)}\\r\\n`));
    assert.equal((JSON.parse(body) as { error: { code: string } }).error.code, 'headers_too_large');
  });
});
