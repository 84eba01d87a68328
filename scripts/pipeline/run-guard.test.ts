import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import { guardRun, judgeOutcome, type GuardHost } from './run-guard';
import type { PipelineOutcome, StepName } from './step';

/** Stands in for `process`: events are emitted by the test, exit() is recorded. */
function fakeHost(): GuardHost & { emitter: EventEmitter; exits: number[] } {
  const emitter = new EventEmitter();
  const host = {
    emitter,
    exits: [] as number[],
    exitCode: undefined as number | string | null | undefined,
    on: (event: string, listener: (arg: unknown) => void) => emitter.on(event, listener),
    off: (event: string, listener: (arg: unknown) => void) => emitter.off(event, listener),
    exit: (code: number) => void host.exits.push(code),
  };
  return host;
}

const passed = (name: StepName) => ({ name, result: { kind: 'passed' as const, summary: 'ok' }, seconds: 1 });
const ALL: StepName[] = ['served', 'train', 'evaluate', 'gate', 'image', 'smoke', 'canary', 'watch', 'decide'];
const never = new Promise<PipelineOutcome>(() => undefined);
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('judgeOutcome: what npm run pipeline exits with', () => {
  it('exits 0 only when every expected step ran and passed', () => {
    const done = judgeOutcome({ kind: 'completed', ran: ALL.map(passed), state: {} }, ALL);
    assert.equal(done.code, 0);
    assert.match(done.line, /^pipeline completed: 9 steps in 9\.0 s \(last: decide\)$/);
    const until = judgeOutcome({ kind: 'completed', ran: ALL.slice(0, 4).map(passed), state: {} }, ALL.slice(0, 4));
    assert.deepEqual(until, { code: 0, line: 'pipeline ran until gate: 4 steps in 4.0 s (last: gate)' });
    assert.equal(judgeOutcome({ kind: 'planned', ran: [], state: {} }, ALL).code, 0);
  });

  it('exits 1 for a run that stopped (a rollback included), naming the step and the reason', () => {
    const stopped: PipelineOutcome = {
      kind: 'stopped',
      ran: [],
      state: {},
      stoppedAt: { name: 'decide', reason: 'not promoted: error rate; rolled back' },
    };
    assert.deepEqual(judgeOutcome(stopped, ALL), {
      code: 1,
      line: 'npm run pipeline: stopped at decide: not promoted: error rate; rolled back',
    });
  });

  it('exits 1 for a "completed" run that did not run every expected step', () => {
    const short = judgeOutcome({ kind: 'completed', ran: ALL.slice(0, 5).map(passed), state: {} }, ALL);
    assert.equal(short.code, 1);
    assert.match(short.line, /ended without an outcome after image \(ran served, train, evaluate, gate, image of served, .*decide\)/);
  });
});

describe('guardRun: a run never ends silently', () => {
  it('exits 1 naming the step when the event loop drains with the run still pending, and cleans up once', async () => {
    const host = fakeHost();
    const errors: string[] = [];
    let cleanups = 0;
    void guardRun({
      run: (onStep) => {
        onStep('image');
        onStep('smoke');
        return never;
      },
      expected: ALL,
      cleanup: async () => void cleanups++,
      host,
      out: () => undefined,
      err: (line) => errors.push(line),
    });
    await settle();
    host.emitter.emit('beforeExit', 0);
    host.emitter.emit('beforeExit', 1); // fired again once the cleanup's own work is done
    assert.equal(host.exitCode, 1);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0] ?? '', /the run ended in the smoke step without an outcome/);
    assert.equal(cleanups, 1);
  });

  it('cleans up after a run that reaches its outcome, sets the exit status and stops listening', async () => {
    const host = fakeHost();
    const lines: string[] = [];
    let cleanups = 0;
    const code = await guardRun({
      run: async (onStep) => {
        onStep('served');
        return { kind: 'stopped', ran: [], state: {}, stoppedAt: { name: 'gate', reason: 'no gain' } };
      },
      expected: ALL,
      cleanup: async () => void cleanups++,
      host,
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
    });
    assert.equal(code, 1);
    assert.equal(host.exitCode, 1);
    assert.deepEqual(lines, ['npm run pipeline: stopped at gate: no gain']);
    assert.equal(cleanups, 1);
    assert.equal(host.emitter.listenerCount('beforeExit') + host.emitter.listenerCount('SIGTERM'), 0);
  });

  it('cleans up after a run that throws, and passes the error on', async () => {
    const host = fakeHost();
    let cleanups = 0;
    await assert.rejects(
      guardRun({
        run: async () => {
          throw new Error('boom');
        },
        expected: ALL,
        cleanup: async () => void cleanups++,
        host,
      }),
      /boom/,
    );
    assert.equal(cleanups, 1);
  });

  it('on SIGTERM mid-step removes what the run started, then exits 143', async () => {
    const host = fakeHost();
    const errors: string[] = [];
    let cleanups = 0;
    void guardRun({
      run: (onStep) => {
        onStep('smoke');
        return never;
      },
      expected: ALL,
      cleanup: async () => void cleanups++,
      host,
      err: (line) => errors.push(line),
    });
    await settle();
    host.emitter.emit('SIGTERM', 'SIGTERM');
    await settle();
    assert.equal(cleanups, 1);
    assert.deepEqual(host.exits, [143]);
    assert.match(errors[0] ?? '', /SIGTERM in the smoke step/);
  });

  it('in a real process whose step never settles, Node exits 1 (not 0) with the step named, after the cleanup ran', () => {
    // The step waits on a promise nothing will ever settle: exactly what lets Node's event loop drain.
    const code = `
      const { guardRun } = require(${JSON.stringify(path.join(__dirname, 'run-guard.ts'))});
      guardRun({
        run: (onStep) => { onStep('smoke'); return new Promise(() => undefined); },
        expected: ['served', 'smoke'],
        cleanup: () => new Promise((resolve) => setTimeout(() => { console.log('cleaned up'); resolve(1); }, 20)),
      });`;
    const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', code], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stderr, /the run ended in the smoke step without an outcome/);
    assert.match(r.stdout, /cleaned up/);
  });
});
