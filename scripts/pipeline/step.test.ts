import assert from 'node:assert/strict';
import { need, runPipeline, selectSteps, type Step, type StepName, type StepResult } from './step';

/** A step that records that it ran and returns `result` (or throws it, when it is an Error). */
function fake(name: StepName, result: StepResult | Error, ran: string[]): Step {
  return {
    name,
    plan: () => `plan of ${name}`,
    async run(state, log) {
      ran.push(name);
      log(`${name} working`);
      if (result instanceof Error) throw result;
      if (name === 'served') state.served = { version: '1.0.0', dir: '/models/spam/1.0.0', where: 'here' };
      return result;
    },
  };
}
const ok = (summary: string): StepResult => ({ kind: 'passed', summary });

describe('runPipeline', () => {
  it('runs every step in order and reports each with its summary and figures', async () => {
    const ran: string[] = [];
    const lines: string[] = [];
    const steps = [fake('served', ok('1.0.0'), ran), fake('train', { kind: 'passed', summary: 'trained', figures: ['F1 0.95'] }, ran)];
    const outcome = await runPipeline(steps, { log: (l) => lines.push(l) });
    assert.equal(outcome.kind, 'completed');
    assert.deepEqual(ran, ['served', 'train']);
    assert.equal(outcome.state.served?.version, '1.0.0');
    assert.ok(lines.some((l) => /✓ served \(\d+\.\d s\): 1\.0\.0/.test(l)));
    assert.ok(lines.some((l) => l.trim() === 'F1 0.95'));
    assert.ok(lines.some((l) => l.trim() === 'train working'));
  });

  it('stops at the first step that stops, with its reason, and runs nothing after it', async () => {
    const ran: string[] = [];
    const lines: string[] = [];
    const steps = [fake('served', ok('x'), ran), fake('gate', { kind: 'stopped', reason: 'gain 0.000' }, ran), fake('image', ok('x'), ran)];
    const outcome = await runPipeline(steps, { log: (l) => lines.push(l) });
    assert.equal(outcome.kind, 'stopped');
    assert.deepEqual(outcome.stoppedAt, { name: 'gate', reason: 'gain 0.000' });
    assert.deepEqual(ran, ['served', 'gate']);
    assert.ok(lines.some((l) => l.includes('✗ gate stopped the pipeline') && l.includes('gain 0.000')));
  });

  it('counts a step that throws as stopping, with the error message as the reason', async () => {
    const ran: string[] = [];
    const outcome = await runPipeline([fake('image', new Error('docker build failed: no base'), ran), fake('smoke', ok('x'), ran)], {
      log: () => undefined,
    });
    assert.deepEqual(outcome.stoppedAt, { name: 'image', reason: 'docker build failed: no base' });
    assert.deepEqual(ran, ['image']);
  });

  it('with until, runs the steps up to and including that one', async () => {
    const ran: string[] = [];
    const steps = (['served', 'train', 'evaluate', 'gate'] as const).map((n) => fake(n, ok(n), ran));
    const outcome = await runPipeline(steps, { until: 'train', log: () => undefined });
    assert.equal(outcome.kind, 'completed');
    assert.deepEqual(ran, ['served', 'train']);
  });

  it('tells onStep which step begins, before it runs (what the guard names when a run is cut short)', async () => {
    const events: string[] = [];
    const steps = (['served', 'train'] as const).map((n) => fake(n, ok(n), events));
    await runPipeline(steps, { log: () => undefined, onStep: (name) => events.push(`begin ${name}`) });
    assert.deepEqual(events, ['begin served', 'served', 'begin train', 'train']);
  });

  it('with dryRun, prints every step of the plan and runs none', async () => {
    const ran: string[] = [];
    const lines: string[] = [];
    const steps = (['served', 'train'] as const).map((n) => fake(n, ok(n), ran));
    const outcome = await runPipeline(steps, { dryRun: true, log: (l) => lines.push(l) });
    assert.equal(outcome.kind, 'planned');
    assert.deepEqual(ran, []);
    assert.deepEqual(lines.slice(1), ['  1. served   plan of served', '  2. train    plan of train']);
  });
});

describe('selectSteps', () => {
  it('names the known steps when until is not one of them', () => {
    const steps = [fake('served', ok('x'), [])];
    assert.throws(() => selectSteps(steps, 'decide'), /--until decide: no such step in this pipeline \(steps: served\)/);
  });
});

describe('need', () => {
  it('names the step that should have run first when a field is missing', () => {
    assert.throws(() => need({}, 'candidate', 'train'), /no candidate yet: the train step sets it/);
  });
});
