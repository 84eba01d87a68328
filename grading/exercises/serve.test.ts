import assert from 'node:assert/strict';
import * as http from 'node:http';
import { askServer } from './serve';

const json = (status: number, body: unknown) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('askServer (a learner server over HTTP)', () => {
  it('listens on 127.0.0.1, sends each request with its JSON body, and closes the server', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers['content-type']} ${body} ${req.socket.localAddress}`);
        json(201, { echo: body })(req, res);
      });
    });
    const answers = await askServer(server, [
      { method: 'POST', path: '/predict', body: '{"text":"hi"}' },
      { method: 'GET', path: '/x' },
    ]);
    assert.deepEqual(seen, ['POST /predict application/json {"text":"hi"} 127.0.0.1', 'GET /x undefined  127.0.0.1']);
    assert.deepEqual(answers[0], {
      status: 201,
      contentType: 'application/json',
      raw: '{"echo":"{\\"text\\":\\"hi\\"}"}',
      json: { echo: '{"text":"hi"}' },
    });
    assert.equal(server.listening, false);
  });

  it('gives the raw text when the body is not JSON', async () => {
    const server = http.createServer((_req, res) => res.end('oops'));
    const [answer] = await askServer(server, [{ method: 'GET', path: '/' }]);
    assert.deepEqual([answer!.raw, answer!.json], ['oops', undefined]);
  });

  it('gives up on a server that never answers within its budget, and still closes it', async () => {
    const server = http.createServer(() => undefined);
    const started = Date.now();
    await assert.rejects(
      askServer(server, [{ method: 'POST', path: '/predict', body: '{}' }], 200),
      /POST \/predict: no answer within the check's time/,
    );
    assert.ok(Date.now() - started < 2000);
    assert.equal(server.listening, false);
  });

  it('reports a connection the server drops', async () => {
    const server = http.createServer((req) => req.socket.destroy());
    await assert.rejects(askServer(server, [{ method: 'GET', path: '/' }]), /GET \/: socket hang up/);
  });

  it('refuses what is not a server, and a server already listening, saying why', async () => {
    await assert.rejects(askServer(json(200, {}), []), /expected a server from http\.createServer\(…\), got a function/);
    await assert.rejects(askServer(Promise.resolve(1), []), /got a Promise/);
    const listening = http.createServer();
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', () => resolve()));
    try {
      await assert.rejects(askServer(listening, []), /already listening: return it without calling listen\(\)/);
    } finally {
      listening.close();
    }
  });
});
