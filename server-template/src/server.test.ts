import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SwapResult } from './contracts';
import { MemoryRegistry, fakeModel, startTestApp, workingDeps } from './testing';

/** A registry whose reload waits until the test lets it go: an in-flight request on demand. */
class SlowRegistry extends MemoryRegistry {
  private signalEntered: () => void = () => undefined;
  /** Resolves once a reload request is being handled. */
  readonly entered = new Promise<void>((resolve) => (this.signalEntered = resolve));
  /** Lets the held reload finish. */
  release: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));

  constructor() {
    super([fakeModel()]);
  }

  override async reload(version?: string): Promise<SwapResult> {
    this.signalEntered();
    await this.gate;
    return super.reload(version);
  }
}

describe('graceful shutdown', () => {
  it('fails readiness at once, lets the in-flight request finish, then closes', async () => {
    const registry = new SlowRegistry();
    const s = await startTestApp(workingDeps({ models: registry, admin: { authorize: () => undefined } }));
    // A second listener on the same app observes readiness while the first one drains.
    const observer = createServer(s.service.app).listen(0, '127.0.0.1');
    await new Promise((resolve) => observer.once('listening', resolve));
    const observerUrl = `http://127.0.0.1:${(observer.address() as AddressInfo).port}`;
    try {
      assert.equal((await fetch(`${observerUrl}/health/ready`)).status, 200);
      const inFlight = fetch(`${s.url}/admin/reload`, { method: 'POST', headers: { authorization: 'Bearer x' } });
      await registry.entered;
      let closed = false;
      const shutdown = s.shutdown().then(() => (closed = true));

      const ready = await fetch(`${observerUrl}/health/ready`);
      assert.equal(ready.status, 503);
      assert.deepEqual(await ready.json(), { status: 'not_ready', reason: 'shutting down' });
      await assert.rejects(fetch(`${s.url}/health/live`), 'no new connections while draining');
      assert.equal(closed, false, 'must wait for the in-flight request');

      registry.release();
      const res = await inFlight;
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { current: { version: string } }).current.version, '1.0.0');
      await shutdown;
      assert.equal(closed, true);
      assert.equal(s.server.listening, false);
    } finally {
      observer.close();
    }
  });

  it('is idempotent', async () => {
    const s = await startTestApp(workingDeps());
    await Promise.all([s.shutdown(), s.shutdown()]);
    assert.equal(s.server.listening, false);
  });
});
