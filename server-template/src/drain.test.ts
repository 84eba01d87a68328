import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { startTestApp, workingDeps, type Started } from './testing';

const PREDICT = (connection = 'keep-alive'): string => {
  const body = '{"text":"free money"}';
  return `POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: ${connection}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
};

/** A raw client: every byte the server sends, and whether it has closed the connection. */
interface RawClient {
  socket: Socket;
  received: () => string;
  /** Resolves once `count` responses (by status line) have arrived. */
  responses: (count: number) => Promise<string[]>;
  closed: Promise<void>;
}

function rawClient(url: string): Promise<RawClient> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => resolve(client));
    let data = '';
    const waiters: Array<() => void> = [];
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
      for (const w of waiters.splice(0)) w();
    });
    socket.once('error', reject);
    const statuses = (): string[] => data.split(/(?=HTTP\/1\.1 )/).filter((r) => r.startsWith('HTTP/1.1 '));
    const client: RawClient = {
      socket,
      received: () => data,
      closed: new Promise((done) => socket.once('close', () => done())),
      responses: (count) =>
        new Promise((done, fail) => {
          const check = (): void => {
            if (statuses().length >= count && /\r\n\r\n[\s\S]*\}$/.test(data)) done(statuses());
            else if (socket.destroyed) fail(new Error(`connection closed after ${statuses().length} responses: ${JSON.stringify(data)}`));
            else waiters.push(check);
          };
          socket.once('close', () => {
            for (const w of waiters.splice(0)) w();
          });
          check();
        }),
    };
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('draining on shutdown', () => {
  let s: Started | undefined;
  afterEach(async () => {
    await s?.shutdown();
    s = undefined;
  });

  it('answers a request that reaches an idle kept-alive socket as the drain begins', async () => {
    s = await startTestApp(workingDeps());
    const client = await rawClient(s.url);
    client.socket.write(PREDICT());
    await client.responses(1);
    // The next request leaves the client in the same tick as the drain starts: its bytes sit
    // unread in the kernel while the socket looks idle to node.
    client.socket.write(PREDICT());
    const shutdown = s.shutdown();
    const [, second] = await client.responses(2);
    assert.match(second ?? '', /^HTTP\/1\.1 200 /);
    assert.match(second ?? '', /\r\nConnection: close\r\n/i);
    await client.closed;
    await shutdown;
  });

  it('keeps a socket whose next request is half received, answers it, then closes', async () => {
    s = await startTestApp(workingDeps());
    const client = await rawClient(s.url);
    client.socket.write(PREDICT());
    await client.responses(1);
    const next = PREDICT();
    client.socket.write(next.slice(0, 40));
    await sleep(50);
    let finished = false;
    const shutdown = s.shutdown().then(() => (finished = true));
    await sleep(600);
    assert.equal(finished, false, 'the drain waits for the half-received request');
    client.socket.write(next.slice(40));
    const [, second] = await client.responses(2);
    assert.match(second ?? '', /^HTTP\/1\.1 200 [\s\S]*Connection: close/i);
    await shutdown;
  });

  it('closes a kept-alive socket left idle, so shutdown does not wait for the timeout', async () => {
    s = await startTestApp(workingDeps(), {}, undefined, { shutdownTimeoutMs: 20_000 });
    const client = await rawClient(s.url);
    client.socket.write(PREDICT());
    await client.responses(1);
    const began = Date.now();
    await s.shutdown();
    await client.closed;
    assert.ok(Date.now() - began < 5_000, `took ${Date.now() - began} ms`);
  });

  it('keeps accepting for the drain delay, readiness 503 and Connection: close on every response', async () => {
    s = await startTestApp(workingDeps(), {}, undefined, { drainDelayMs: 800, shutdownTimeoutMs: 5_000 });
    const shutdown = s.shutdown();
    const ready = await fetch(`${s.url}/health/ready`);
    assert.equal(ready.status, 503);
    assert.equal(ready.headers.get('connection'), 'close');
    const predict = await fetch(`${s.url}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"hi"}',
    });
    assert.equal(predict.status, 200);
    assert.equal(predict.headers.get('connection'), 'close');
    await shutdown;
    await assert.rejects(fetch(`${s.url}/health/live`), 'the port is closed after the delay');
  });

  it('cuts a request that outlives the shutdown timeout, and still resolves', async () => {
    s = await startTestApp(workingDeps(), {}, undefined, { shutdownTimeoutMs: 300 });
    const client = await rawClient(s.url);
    client.socket.write(PREDICT().slice(0, 60));
    await sleep(50);
    const began = Date.now();
    await s.shutdown();
    await client.closed;
    assert.ok(Date.now() - began < 3_000);
  });
});
