import assert from 'node:assert/strict';
import { DEFAULT_PROMOTION_RULE, type ReleaseWindow } from './release-rule';
import type { AdminAnswer, Cluster, ServiceChange } from './cluster';
import { canaryStep, decideStep, sumWindows, watchStep } from './release-steps';
import type { PipelineState } from './step';

const quiet = (): void => undefined;
const RULE = { ...DEFAULT_PROMOTION_RULE, minSamples: 100 };

interface FakeReplica {
  id: string;
  token?: string;
  version: string;
  candidate?: { version: string; window: ReleaseWindow };
}

/**
 * A stack of replicas whose release windows grow by `traffic` per look: each look at a replica
 * adds that many candidate requests (and errors), and ten times as many stable ones.
 */
function fakeStack(options: { replicas?: number; traffic?: { requests: number; errors: number }; updateEnds?: string } = {}) {
  const traffic = options.traffic ?? { requests: 20, errors: 0 };
  let replicas: FakeReplica[] = Array.from({ length: options.replicas ?? 3 }, (_, i) => ({ id: `replica-${i}`, version: '1.0.0' }));
  const log: string[] = [];
  const cluster: Cluster = {
    service: 'spam_api',
    image: async () => 'spam-api:1',
    replicas: async () => replicas.map((r) => r.id),
    async call(id, method, path, body): Promise<AdminAnswer> {
      const r = replicas.find((x) => x.id === id);
      assert.ok(r, `no replica ${id}`);
      log.push(`${method} ${path} ${id}`);
      if (path === '/models/current') return { status: 200, body: { version: r.version } };
      if (path === '/health/ready') return { status: 200, body: { status: 'ready' } };
      if (r.token === undefined) return { status: 403, body: { error: { code: 'admin_disabled' } } };
      if (method === 'POST' && path === '/admin/candidate') {
        const plan = body as { version: string };
        r.candidate = {
          version: plan.version,
          window: {
            mode: 'canary',
            stable: { requests: 0, errors: 0 },
            candidate: { requests: 0, errors: 0 },
            shadow: { agree: 0, disagree: 0, dropped: 0 },
          },
        };
        return { status: 200, body: {} };
      }
      if (method === 'GET' && path === '/admin/candidate') {
        if (!r.candidate) return { status: 200, body: { stable: { version: r.version }, candidate: null } };
        r.candidate.window.candidate.requests += traffic.requests;
        r.candidate.window.candidate.errors += traffic.errors;
        r.candidate.window.stable.requests += 10 * traffic.requests;
        return { status: 200, body: { candidate: r.candidate } };
      }
      if (path === '/admin/candidate/abort') {
        r.candidate = undefined;
        return { status: 200, body: {} };
      }
      return assert.fail(`unexpected ${method} ${path}`);
    },
    copyOut: async () => undefined,
    async update(change: ServiceChange) {
      log.push(`update ${JSON.stringify({ image: change.image, envAdd: Object.keys(change.envAdd ?? {}), envRm: change.envRm })}`);
      if (options.updateEnds && options.updateEnds !== 'completed') return { state: options.updateEnds, message: 'task unhealthy' };
      // A rolling update replaces every replica: new containers, new ids, the new spec's settings.
      replicas = replicas.map((r, i) => ({
        id: `${r.id}-next${i}`,
        version: change.envAdd?.MODEL_VERSION ?? r.version,
        token: change.envRm?.includes('ADMIN_TOKEN') ? undefined : (change.envAdd?.ADMIN_TOKEN ?? r.token),
      }));
      return { state: 'completed', message: 'update completed' };
    },
    async rollback() {
      log.push('rollback');
      replicas = replicas.map((r) => ({ id: `${r.id}-back`, version: '1.0.0' }));
      return { state: 'rollback_completed', message: 'rollback completed' };
    },
  };
  return { cluster, log, replicas: () => replicas };
}

function afterImage(): PipelineState {
  return {
    served: { version: '1.0.0', dir: '', where: 'spam_api', image: 'spam-api:1' },
    candidate: { version: '1.0.1', dir: '' },
    image: 'spam-api:model-1.0.1',
  };
}

/** canary → watch → decide on `stack`, with no real waiting. */
async function release(stack: ReturnType<typeof fakeStack>, watchSeconds = 60) {
  const state = afterImage();
  const settings = { share: 0.2, rule: RULE, updateSeconds: 5, settleMs: 0 };
  const canary = await canaryStep({ cluster: stack.cluster, settings, token: () => 'a-token-of-24-characters' }).run(state, quiet);
  if (canary.kind === 'stopped') return { canary, state };
  let clock = 0;
  const watch = await watchStep({
    cluster: stack.cluster,
    settings: { rule: RULE, watchSeconds, pollSeconds: 5, sleep: async (ms) => void (clock += ms), now: () => clock },
  }).run(state, quiet);
  const decide = await decideStep({ cluster: stack.cluster, updateSeconds: 5, stack: 'spam' }).run(state, quiet);
  return { canary, watch, decide, state };
}

describe('the release steps of the pipeline (canary → watch → decide)', () => {
  it('promotes a healthy canary once the summed window has the samples, and every replica then serves it', async () => {
    const stack = fakeStack();
    const { decide, state } = await release(stack);
    assert.equal(state.watch?.verdict.decision, 'promote');
    // 3 replicas × 20 candidate requests per look: 100 reached at the second look.
    assert.equal(state.watch?.polls, 2);
    assert.equal(state.watch?.window.candidate.requests, 120);
    assert.equal(decide?.kind, 'passed', JSON.stringify(decide));
    assert.deepEqual(
      stack.replicas().map((r) => [r.version, r.token]),
      [
        ['1.0.1', undefined],
        ['1.0.1', undefined],
        ['1.0.1', undefined],
      ],
    );
    assert.ok(stack.log.includes('update {"envAdd":["MODEL_VERSION"],"envRm":["ADMIN_TOKEN"]}'));
  });

  it('rolls back a canary that errs more than stable, with the error rates as the reason', async () => {
    const stack = fakeStack({ traffic: { requests: 20, errors: 2 } });
    const { decide, state } = await release(stack);
    assert.equal(state.watch?.verdict.decision, 'abort');
    assert.equal(decide?.kind, 'stopped');
    assert.match(
      decide?.kind === 'stopped' ? decide.reason : '',
      /not promoted: candidate error rate 10\.00 % vs stable 0\.00 %.*rolled back \(rollback_completed/,
    );
    assert.ok(stack.log.filter((l) => l.startsWith('POST /admin/candidate/abort')).length === 3);
    assert.deepEqual(
      stack.replicas().map((r) => r.version),
      ['1.0.0', '1.0.0', '1.0.0'],
    );
  });

  it('rolls back when the window closes before the rule has its samples (bounded in looks and time)', async () => {
    const stack = fakeStack({ traffic: { requests: 1, errors: 0 } });
    const { decide, state } = await release(stack, 20);
    // 20 s at one look every 5 s: 5 looks at most.
    assert.ok((state.watch?.polls ?? 0) <= 5, `looks: ${state.watch?.polls}`);
    assert.equal(decide?.kind, 'stopped');
    assert.match(
      decide?.kind === 'stopped' ? decide.reason : '',
      /the window closed after \d looks in \d+ s: only 15 of the 100 candidate requests/,
    );
  });

  it('rolls back when a replica lost its candidate (restarted) during the window', async () => {
    const stack = fakeStack();
    const state = afterImage();
    await canaryStep({
      cluster: stack.cluster,
      settings: { share: 0.2, rule: RULE, updateSeconds: 5, settleMs: 0 },
      token: () => 'a-token-of-24-characters',
    }).run(state, quiet);
    const victim = stack.replicas()[1];
    assert.ok(victim);
    victim.candidate = undefined;
    await watchStep({
      cluster: stack.cluster,
      settings: { rule: RULE, watchSeconds: 10, pollSeconds: 5, sleep: async () => undefined },
    }).run(state, quiet);
    assert.equal(state.watch?.verdict.decision, 'abort');
    assert.match(state.watch?.verdict.reasons[0] ?? '', /no longer tries 1\.0\.1/);
  });

  it('stops, without starting a canary, when the rolling update does not complete', async () => {
    const stack = fakeStack({ updateEnds: 'rollback_completed' });
    const { canary, state } = await release(stack);
    assert.equal(canary.kind, 'stopped');
    assert.match(canary.kind === 'stopped' ? canary.reason : '', /ended rollback_completed: task unhealthy/);
    assert.equal(state.canary, undefined);
    assert.ok(!stack.log.some((l) => l.startsWith('POST /admin/candidate ')));
  });

  it('starts the canary on every replica with the share and the rule', async () => {
    const stack = fakeStack({ replicas: 2 });
    const state = afterImage();
    const result = await canaryStep({ cluster: stack.cluster, settings: { share: 0.2, rule: RULE, updateSeconds: 5, settleMs: 0 } }).run(
      state,
      quiet,
    );
    assert.equal(result.kind, 'passed');
    assert.equal(state.canary?.replicas.length, 2);
    assert.deepEqual(
      stack.replicas().map((r) => r.candidate?.version),
      ['1.0.1', '1.0.1'],
    );
  });
});

describe('sumWindows', () => {
  it('adds the counts of every replica', () => {
    const w = (c: number, e: number): ReleaseWindow => ({
      mode: 'canary',
      stable: { requests: 10 * c, errors: 0 },
      candidate: { requests: c, errors: e },
      shadow: { agree: 0, disagree: 0, dropped: 0 },
    });
    const total = sumWindows([w(3, 1), w(5, 0)]);
    assert.deepEqual(
      [total.candidate, total.stable],
      [
        { requests: 8, errors: 1 },
        { requests: 80, errors: 0 },
      ],
    );
  });
});
