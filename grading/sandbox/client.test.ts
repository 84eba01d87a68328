import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { request } from '../harness';
import { stage } from '../lib/stage';
import { Sandbox, SandboxError, startFailure } from './client';
import type { SandboxSpec } from './isolation';
import { acquireSlot, type SlotLease } from './slots';

const MODULE = `
export function add(a: number, b: number): number { return a + b; }
export function odd(): unknown { return { nan: NaN, inf: -Infinity, nothing: undefined }; }
export function fails(): never { throw new RangeError('bad input'); }
export function spin(): void { for (;;) { /* never returns */ } }
export function talk(): number { console.log('{"id":1,"ok":true,"value":666}'); return 1; }
export function hog(): number {
  const held: Buffer[] = [];
  for (let i = 0; i < 3072; i++) held.push(Buffer.alloc(1 << 20, 1));
  for (;;) { /* wait to be stopped */ }
}
export function app() {
  return (_req: unknown, res: { end: (s: string) => void }) => res.end('hello from the app');
}
`;

describe('Sandbox (a submission in its own process)', function () {
  this.timeout(60000);
  let work = '';
  let spec: SandboxSpec;
  let sandbox: Sandbox;
  let lease: SlotLease;
  before(() => {
    lease = acquireSlot();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-sbx-'));
    fs.chmodSync(work, 0o711);
    fs.mkdirSync(path.join(work, 'src', 'src'), { recursive: true });
    fs.writeFileSync(path.join(work, 'src', 'src', 'm.ts'), MODULE);
    spec = stage({
      labId: 'lab-99-test',
      source: path.join(work, 'src'),
      workDir: work,
      isolation: 'process',
      slot: lease.slot,
      memoryMb: 256,
      name: 'test',
    });
    sandbox = new Sandbox(spec, 3000);
  });
  after(() => {
    sandbox.stop();
    fs.rmSync(work, { recursive: true, force: true });
    lease.release();
  });

  it('reads a submitted text file, and refuses paths outside the submission', () => {
    assert.match(sandbox.readText('src/m.ts') ?? '', /export function add/);
    assert.equal(sandbox.readText('src/missing.txt'), undefined);
    assert.equal(sandbox.readText('src/m.ts', 7), '\nexport');
    assert.throws(() => sandbox.readText('../../etc/passwd'), /outside the submission/);
  });
  it('calls an exported function and returns its result', async () => {
    assert.equal(await sandbox.call('src/m.ts', 'add', [2, 3]), 5);
  });
  it('carries NaN and -Infinity back unchanged (undefined stays undefined)', async () => {
    const got = (await sandbox.call('src/m.ts', 'odd')) as Record<string, unknown>;
    assert.ok(Number.isNaN(got['nan']));
    assert.deepEqual([got['inf'], got['nothing']], [-Infinity, undefined]);
  });
  it('ignores output that only looks like a response', async () => {
    assert.equal(await sandbox.call('src/m.ts', 'talk'), 1);
    assert.match(sandbox.output, /666/);
  });
  it('reports a thrown error with its type and message', async () => {
    await assert.rejects(
      sandbox.call('src/m.ts', 'fails'),
      (e: Error) => e instanceof SandboxError && e.message === 'RangeError: bad input',
    );
  });
  it('names a function the module does not export', async () => {
    await assert.rejects(sandbox.call('src/m.ts', 'nope'), /does not export a function named nope/);
  });
  it('refuses a file outside the submission', async () => {
    await assert.rejects(sandbox.call('../../../etc/passwd', 'x'), /outside the submission/);
  });
  it('serves an app on a unix socket the grader can request', async () => {
    const socket = await sandbox.serve('src/m.ts', 'app');
    const res = await request(socket, 'GET', '/');
    assert.deepEqual([res.status, res.body], [200, 'hello from the app']);
  });
  it('stops a call that never returns, records a timeout, and starts afresh for the next call', async () => {
    await assert.rejects(sandbox.call('src/m.ts', 'spin', [], 1000), /did not finish within 1000 ms/);
    assert.equal(sandbox.incidents[0]?.kind, 'timeout');
    assert.equal(await sandbox.call('src/m.ts', 'add', [1, 1]), 2);
  });
  it('stops a submission that holds more memory than its limit, and calls it a crash', async () => {
    sandbox.stop(); // one job per slot uid, as in a batch: the watchdog counts the whole uid
    const hungry = new Sandbox(spec, 60000);
    try {
      await assert.rejects(hungry.call('src/m.ts', 'hog'), /over its 256 MiB limit/);
      assert.equal(hungry.incidents[0]?.kind, 'crashed');
    } finally {
      hungry.stop();
    }
  });
  it('says why when the submission cannot start at all, instead of failing on the missing process', async () => {
    // A folder that is gone: spawn itself fails, before any submission code could run.
    const gone = new Sandbox({ ...spec, labDir: path.join(work, 'no-such-folder') }, 3000);
    try {
      await assert.rejects(
        gone.call('src/m.ts', 'add', [1, 2]),
        (e: unknown) => e instanceof SandboxError && /did not start \(.*ENOENT/.test(e.message),
      );
    } finally {
      gone.stop();
    }
  });
});

describe('startFailure (why a sandbox did not start)', () => {
  it('names the missing namespaces and what to do, for a container without the privileges', () => {
    const why = startFailure('exited with code 1', 'unshare: unshare failed: Operation not permitted\n');
    assert.match(why, /did not start \(exited with code 1\); it printed:\nunshare: unshare failed/);
    assert.match(why, /--cap-add SYS_ADMIN --cap-add NET_ADMIN/);
    assert.match(why, /or run the grader as a normal user/);
  });
  it('names the package when ip is missing', () => {
    assert.match(startFailure('exited with code 127', 'sh: 1: ip: not found'), /apt-get install iproute2/);
  });
  it('keeps only the last lines printed, and adds no hint it cannot back', () => {
    const why = startFailure(undefined, Array.from({ length: 9 }, (_, i) => `line ${i}`).join('\n'));
    assert.match(why, /no reason given/);
    assert.ok(!why.includes('line 3') && why.includes('line 8'), why);
    assert.ok(!/apt-get|cap-add/.test(why), why);
  });
});
