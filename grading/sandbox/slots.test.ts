import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { acquireSlot, isStale, SlotError, startTimeOf } from './slots';

/** A process that leases `n` slots in `dir`, prints them as one JSON line, and holds them until its stdin closes. */
function holder(dir: string, n: number): { slots: Promise<number[]>; exited: Promise<number | null>; stop: () => void; kill: () => void } {
  const code = `const { acquireSlot } = require(${JSON.stringify(path.join(__dirname, 'slots.ts'))});
const got = []; for (let i = 0; i < ${n}; i++) got.push(acquireSlot(${JSON.stringify(dir)}).slot);
console.log(JSON.stringify(got)); process.stdin.resume(); process.stdin.on('end', () => process.exit(0));`;
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  const slots = new Promise<number[]>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', (l) => resolve(JSON.parse(l) as number[]));
    child.once('exit', (c) => reject(new Error(`holder exited with ${c} before leasing`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { slots, exited, stop: () => child.stdin.end(), kill: () => child.kill('SIGKILL') };
}

describe('sandbox slots (uids leased across processes)', function () {
  this.timeout(60_000);
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-slots-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const lockOf = (slot: number): string => path.join(dir, `slot-${slot}.lock`);

  it('gives distinct slots in one process, and a released slot again', () => {
    const a = acquireSlot(dir);
    const b = acquireSlot(dir);
    assert.deepEqual([a.slot, b.slot], [0, 1]);
    a.release();
    assert.equal(fs.existsSync(lockOf(0)), false);
    assert.equal(acquireSlot(dir).slot, 0);
  });

  it('never gives one slot to two processes leasing at the same time', async () => {
    const holders = Array.from({ length: 4 }, () => holder(dir, 5));
    try {
      const all = (await Promise.all(holders.map((h) => h.slots))).flat();
      assert.equal(all.length, 20);
      assert.equal(new Set(all).size, 20, `slots handed out twice: ${all.join(' ')}`);
    } finally {
      for (const h of holders) h.stop();
      await Promise.all(holders.map((h) => h.exited));
    }
  });

  it('reclaims the slots of a process that was killed holding them', async () => {
    const h = holder(dir, 2);
    assert.deepEqual(await h.slots, [0, 1]);
    h.kill();
    await h.exited;
    assert.ok(fs.existsSync(lockOf(0)) && fs.existsSync(lockOf(1)), 'a killed process leaves its locks behind');
    assert.deepEqual([acquireSlot(dir).slot, acquireSlot(dir).slot], [0, 1]);
  });

  it('keeps the lock of a live owner, and reclaims one whose pid now names a later process', () => {
    fs.writeFileSync(lockOf(0), `${process.pid} ${startTimeOf(process.pid)} live\n`);
    fs.writeFileSync(lockOf(1), `${process.pid} 1 reused\n`);
    assert.equal(isStale(fs.readFileSync(lockOf(0), 'utf8')), false);
    assert.equal(acquireSlot(dir).slot, 1);
    assert.match(fs.readFileSync(lockOf(0), 'utf8'), /live/);
  });

  it('leaves a half-written lock alone (its writer is still starting)', () => {
    fs.writeFileSync(lockOf(0), '');
    assert.equal(acquireSlot(dir).slot, 1);
  });

  it('does not remove a lock that was reclaimed and handed to another process', () => {
    const a = acquireSlot(dir);
    fs.writeFileSync(lockOf(a.slot), `${process.pid} ${startTimeOf(process.pid)} someone-else\n`);
    a.release();
    assert.match(fs.readFileSync(lockOf(a.slot), 'utf8'), /someone-else/);
  });

  it('refuses a lock folder that others can write to', () => {
    fs.chmodSync(dir, 0o777);
    assert.throws(
      () => acquireSlot(dir),
      (e: Error) => e instanceof SlotError && /writable by no one else/.test(e.message),
    );
  });
});
