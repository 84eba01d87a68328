import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdminCallError, hotSwap, serviceRollback } from './recs-admin';

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  body: string;
}

/** A stand-in for the service's admin routes on 127.0.0.1: answers `status` with `json`. */
async function stub(status: number, json: unknown): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the service admin client', () => {
  it('hot-swaps with POST /admin/reload {"version"} and the bearer token', async () => {
    const s = await stub(200, { previous: { name: 'recs', version: '2010.5.0' }, current: { name: 'recs', version: '2010.6.0' } });
    try {
      const answer = await hotSwap({ url: s.url, token: 'secret-token' }, '2010.6.0');
      assert.equal(answer.previous?.version, '2010.5.0');
      assert.deepEqual(s.seen, [
        { method: 'POST', url: '/admin/reload', authorization: 'Bearer secret-token', body: '{"version":"2010.6.0"}' },
      ]);
    } finally {
      await s.close();
    }
  });
  it('rolls back with POST /admin/rollback', async () => {
    const s = await stub(200, { previous: { name: 'recs', version: '2010.6.0' }, current: { name: 'recs', version: '2010.5.0' } });
    try {
      assert.equal((await serviceRollback({ url: s.url, token: 't' })).current.version, '2010.5.0');
      assert.equal(s.seen[0]?.url, '/admin/rollback');
    } finally {
      await s.close();
    }
  });
  it("reports the service's error code and message", async () => {
    const s = await stub(403, { error: { code: 'forbidden', message: 'The admin token is wrong.' } });
    try {
      await assert.rejects(
        hotSwap({ url: s.url, token: 'wrong' }, '2010.6.0'),
        (e: unknown) => e instanceof AdminCallError && e.status === 403 && /403 forbidden: The admin token is wrong/.test(e.message),
      );
    } finally {
      await s.close();
    }
  });
  it('refuses an answer that does not show the new version current', async () => {
    const s = await stub(200, { current: { name: 'recs', version: '2010.5.0' } });
    try {
      await assert.rejects(hotSwap({ url: s.url, token: 't' }, '2010.6.0'), /answered with version 2010\.5\.0 current, not 2010\.6\.0/);
    } finally {
      await s.close();
    }
  });
  it('says so when nothing answers', async () => {
    const s = await stub(200, {});
    await s.close();
    await assert.rejects(
      hotSwap({ url: s.url, token: 't' }, '2010.6.0', 5_000),
      (e: unknown) => e instanceof AdminCallError && /did not answer/.test((e as Error).message),
    );
  });
});
