import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeFixtureArtifact, writeFixtureHoldout } from '../../solutions/service/fixture-artifact';
import type { Cluster } from './cluster';
import { evaluateStep, gateStep, lazyHoldout, nextPatch, servedStep, trainStep, type Trainer } from './model-steps';
import type { PipelineState, StepResult } from './step';

const quiet = (): void => undefined;

/** A cluster with no stack deployed: every step falls back to the local models folder. */
const noStack: Cluster = {
  service: 'spam_api',
  image: async () => undefined,
  replicas: async () => [],
  call: async () => assert.fail('no call expected'),
  copyOut: async () => assert.fail('no copy expected'),
  update: async () => assert.fail('no update expected'),
  rollback: async () => assert.fail('no rollback expected'),
};

describe('the model steps of the pipeline (served → train → evaluate → gate)', () => {
  let dir = '';
  let holdoutFile = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pipeline-models-'));
    writeFixtureArtifact(path.join(dir, 'models'), '1.0.0');
    holdoutFile = writeFixtureHoldout(path.join(dir, 'holdout.jsonl'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs served → train (with `trainer`) → evaluate → gate; returns the gate's result and the state. */
  async function throughGate(trainer: Trainer): Promise<{ gate: StepResult; state: PipelineState }> {
    const state: PipelineState = {};
    const holdout = lazyHoldout(holdoutFile);
    const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}`);
    for (const step of [
      servedStep({ cluster: noStack, models: path.join(dir, 'models'), scratch: dir }),
      trainStep({ train: trainer, out }),
      evaluateStep({ holdout, holdoutFile }),
    ]) {
      assert.equal((await step.run(state, quiet)).kind, 'passed', step.name);
    }
    return { gate: await gateStep({ holdout, seed: 0 }).run(state, quiet), state };
  }

  it('without a stack, finds the latest local version and trains the next patch', async () => {
    const { state } = await throughGate(async (version, out) => void writeFixtureArtifact(out, version, { greetingsAreSpam: true }));
    assert.equal(state.served?.version, '1.0.0');
    assert.equal(state.candidate?.version, '1.0.1');
    assert.ok(state.holdoutF1 !== undefined && state.holdoutF1 > 0.5, `holdout F1 ${state.holdoutF1}`);
  });

  it('passes a candidate that beats the served model, with both F1s and the interval', async () => {
    const { gate, state } = await throughGate(async (version, out) => void writeFixtureArtifact(out, version, { greetingsAreSpam: true }));
    assert.equal(gate.kind, 'passed', JSON.stringify(gate));
    assert.ok(state.verdict !== undefined && state.verdict.gain.low > 0);
    assert.match(gate.kind === 'passed' ? gate.summary : '', /1\.0\.1 beats 1\.0\.0: F1 \d\.\d{4} vs \d\.\d{4}.*95 % interval \[/);
  });

  it('stops on a candidate that does not beat the served model, with the numbers', async () => {
    const { gate, state } = await throughGate(async (version, out) => void writeFixtureArtifact(out, version, { labelsSwapped: true }));
    assert.equal(gate.kind, 'stopped');
    assert.ok(state.verdict !== undefined && !state.verdict.promote);
    assert.match(gate.kind === 'stopped' ? gate.reason : '', /1\.0\.1 does not beat 1\.0\.0: F1 .* the gate needs the lower bound above 0/);
  });

  it('stops on a retrain identical to the served model: no gain is no promotion', async () => {
    const { gate } = await throughGate(async (version, out) => void writeFixtureArtifact(out, version));
    assert.equal(gate.kind, 'stopped');
    assert.match(gate.kind === 'stopped' ? gate.reason : '', /gain 0\.0000, 95 % interval \[0\.0000, 0\.0000\]/);
  });

  it('with a stack, asks a replica which version it serves and copies exactly that model out', async () => {
    const copies: string[] = [];
    const cluster: Cluster = {
      ...noStack,
      image: async () => 'spam-api:v7',
      replicas: async () => ['c0ffee0000000000'],
      call: async (_r, method, p) =>
        method === 'GET' && p === '/models/current' ? { status: 200, body: { version: '1.0.0' } } : assert.fail(p),
      copyOut: async (_r, from, to) => {
        copies.push(from);
        writeFixtureArtifact(path.dirname(to), '1.0.0');
      },
    };
    const state: PipelineState = {};
    const result = await servedStep({ cluster, models: '/nowhere', scratch: dir }).run(state, quiet);
    assert.equal(result.kind, 'passed');
    assert.deepEqual(copies, ['/app/models/spam/1.0.0']);
    assert.equal(state.served?.image, 'spam-api:v7');
  });

  it('refuses to train the version that already serves', async () => {
    const state: PipelineState = { served: { version: '1.0.0', dir: '', where: '' } };
    const result = await trainStep({ train: async () => assert.fail('must not train'), out: dir, version: '1.0.0' }).run(state, quiet);
    assert.equal(result.kind, 'stopped');
  });

  it('stops when there is neither a stack nor a local model', async () => {
    const result = await servedStep({ cluster: noStack, models: path.join(dir, 'empty'), scratch: dir }).run({}, quiet);
    assert.equal(result.kind, 'stopped');
    assert.match(result.kind === 'stopped' ? result.reason : '', /no stack spam_api and no model in/);
  });
});

describe('nextPatch', () => {
  it('adds one to the patch number, numerically', () => {
    assert.equal(nextPatch('1.0.9'), '1.0.10');
    assert.equal(nextPatch('2.3'), '2.3.1');
  });
});
