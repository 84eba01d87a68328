import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { httpRequest } from './http';

async function listen<S extends Server>(server: S): Promise<{ server: S; url: string }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe('httpRequest: one bounded request to a container', () => {
  it('answers the status and body, and sends a JSON body', async () => {
    const { server, url } = await listen(
      createHttpServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => {
          body += c.toString('utf8');
        });
        req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ got: JSON.parse(body) })));
      }),
    );
    try {
      const answer = await httpRequest(`${url}/predict`, { method: 'POST', json: { text: 'hi' }, timeoutMs: 5_000 });
      assert.deepEqual(answer, { status: 201, text: '{"got":{"text":"hi"}}' });
    } finally {
      await close(server);
    }
  });

  it('fails at once on a connection closed before any answer (a container whose service does not listen yet)', async () => {
    const { server, url } = await listen(createServer((socket) => socket.destroy()));
    try {
      // The time limit is far away: the failure must come from the closed connection itself.
      await assert.rejects(httpRequest(`${url}/health/live`, { timeoutMs: 100_000 }), /socket hang up|ECONNRESET/);
    } finally {
      await close(server);
    }
  });

  it('fails at its time limit on a server that accepts and never answers', async () => {
    const held: Socket[] = [];
    const { server, url } = await listen(createServer((socket) => void held.push(socket)));
    try {
      await assert.rejects(httpRequest(`${url}/health/ready`, { timeoutMs: 50 }), /GET .*\/health\/ready: no answer within 50 ms/);
    } finally {
      for (const s of held) s.destroy();
      await close(server);
    }
  });
});
