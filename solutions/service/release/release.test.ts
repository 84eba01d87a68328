import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { postJson, silentLogger } from '../../../server-template/src/testing';
import type { Artifact, OpenArtifact } from '../../lab-01-ship-the-model/src/registry';
import { defaultOpenArtifact } from '../artifact';
import { startService, type ServiceHandle } from '../main';
import { ADMIN_TOKEN, fixtureModels } from '../testing';
import type { ReleaseRegistry, ReleaseStatus } from './release';

const run = promisify(execFile);
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const SPAM = 'WIN MONEY NOW!!!\n\nClick http://example.com to claim your FREE prize!!!';
const HAM = 'Meeting notes\n\nSee you at ten tomorrow in room 4.';
const GREETING = 'hello hello\n\nhello friend';
/** Texts with this word make the misbehaving candidate slow or throw (the gate's holdout has none). */
const PROBE = 'shadow-probe';

interface Service {
  url: string;
  release: ReleaseRegistry;
  close(): Promise<void>;
}

/**
 * The reference service on the fixture models (1.0.0 stable, 1.1.0 calls greetings spam and
 * passes the gate). `candidateMisbehaves` wraps 1.1.0: on a text holding PROBE it throws, or
 * busy-waits `slowMs` and records when it finished.
 */
async function startRelease(
  candidateMisbehaves?: { throws?: boolean; slowMs?: number; finishedAt?: number[] },
  fastPath = true,
): Promise<Service> {
  const modelsDir = fixtureModels();
  const openArtifact: OpenArtifact = async (dir) => {
    const artifact = await defaultOpenArtifact(dir);
    if (!candidateMisbehaves || path.basename(dir) !== '1.1.0') return artifact;
    const wrapped: Artifact = {
      ...artifact,
      predictProba(texts) {
        if (!texts.some((t) => t.includes(PROBE))) return artifact.predictProba(texts);
        if (candidateMisbehaves.throws) throw new Error('the candidate crashed');
        const until = Date.now() + (candidateMisbehaves.slowMs ?? 0);
        while (Date.now() < until) {
          // A CPU-bound model: nothing else runs meanwhile.
        }
        candidateMisbehaves.finishedAt?.push(Date.now());
        return artifact.predictProba(texts);
      },
    };
    return wrapped;
  };
  const handle: ServiceHandle = await startService(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      MODELS_DIR: modelsDir,
      HOLDOUT_FILE: path.join(modelsDir, 'holdout.jsonl'),
      MODEL_VERSION: '1.0.0',
      PREDICTION_LOG: ':memory:',
      ADMIN_TOKEN,
    },
    { logger: silentLogger(), processMetrics: false, openArtifact, fastPath },
  );
  return {
    url: handle.url,
    release: handle.service.deps.models as ReleaseRegistry,
    async close() {
      await handle.close();
      rmSync(modelsDir, { recursive: true, force: true });
    },
  };
}

interface Answer {
  prediction: string;
  probability: number;
  model: { version: string };
}

async function predict(url: string, text: string, user?: string): Promise<{ status: number; text: string; answer: Answer }> {
  const res = await postJson(`${url}/predict`, { text }, user === undefined ? {} : { 'x-user-id': user });
  const body = await res.text();
  return { status: res.status, text: body, answer: JSON.parse(body) as Answer };
}

async function metric(url: string, line: RegExp): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`^${line.source} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

async function errorOf(res: Response, status: number): Promise<{ code: string; message: string; details?: unknown }> {
  assert.equal(res.status, status, await res.clone().text());
  return ((await res.json()) as { error: { code: string; message: string; details?: unknown } }).error;
}

const start = (url: string, body: unknown): Promise<Response> => postJson(`${url}/admin/candidate`, body, auth);
const command = (url: string, what: 'promote' | 'abort'): Promise<Response> =>
  fetch(`${url}/admin/candidate/${what}`, { method: 'POST', headers: auth });

describe('reference service: canary and shadow releases', function () {
  this.timeout(60_000);

  describe('admin routes', () => {
    let s: Service;
    before(async () => {
      s = await startRelease();
    });
    after(() => s.close());

    it('401 without the token, on every release route', async () => {
      for (const [method, route] of [
        ['GET', '/admin/candidate'],
        ['POST', '/admin/candidate'],
        ['POST', '/admin/candidate/promote'],
        ['POST', '/admin/candidate/abort'],
      ] as const) {
        const error = await errorOf(await fetch(`${s.url}${route}`, { method }), 401);
        assert.equal(error.code, 'unauthorized', `${method} ${route}`);
      }
    });

    it('400 with a reason for each bad field, and nothing starts', async () => {
      const cases: Array<[unknown, string, RegExp]> = [
        [{ version: '1.1.0' }, 'mode', /"canary" or "shadow"/],
        [{ version: '1.1.0', mode: 'canary' }, 'share', /\(0, 1\]/],
        [{ version: '1.1.0', mode: 'canary', share: 1.5 }, 'share', /\(0, 1\]/],
        [{ version: '1.1.0', mode: 'shadow', share: 0.1 }, 'share', /leave share out/],
        [{ version: '../etc', mode: 'shadow' }, 'version', /version folder name/],
        [{ version: '1.1.0', mode: 'shadow', shadow: true }, 'shadow', /not a field/],
        [{ version: '1.1.0', mode: 'shadow', rule: { min_samples: 0 } }, 'rule.min_samples', /integer ≥ 1/],
        [{ version: '1.1.0', mode: 'shadow', rule: { min_agreement: 2 } }, 'rule.min_agreement', /\[0, 1\]/],
        [[1, 2], '(body)', /JSON object/],
      ];
      for (const [body, field, problem] of cases) {
        const error = await errorOf(await start(s.url, body), 400);
        assert.equal(error.code, 'invalid_request');
        const details = error.details as Array<{ field: string; problem: string }>;
        const hit = details.find((d) => d.field === field);
        assert.ok(hit, `${JSON.stringify(body)}: no problem named ${field} in ${JSON.stringify(details)}`);
        assert.match(hit.problem, problem);
      }
      const status = (await (await fetch(`${s.url}/admin/candidate`, { headers: auth })).json()) as ReleaseStatus;
      assert.equal(status.candidate, null);
    });

    it('404 with the versions on disk for an unknown version', async () => {
      const error = await errorOf(await start(s.url, { version: '7.0.0', mode: 'shadow' }), 404);
      assert.equal(error.code, 'version_not_found');
      assert.deepEqual(error.details, { available: ['0.9.0', '1.0.0', '1.1.0'] });
    });

    it('422 for a corrupt candidate, which never serves', async () => {
      const error = await errorOf(await start(s.url, { version: '0.9.0', mode: 'canary', share: 1 }), 422);
      assert.equal(error.code, 'model_load_failed');
      assert.equal((await predict(s.url, HAM, 'u1')).answer.model.version, '1.0.0');
    });

    it('409 for promote or abort with no candidate, and for the stable version as candidate', async () => {
      assert.equal((await errorOf(await command(s.url, 'promote'), 409)).code, 'no_candidate');
      assert.equal((await errorOf(await command(s.url, 'abort'), 409)).code, 'no_candidate');
      assert.equal((await errorOf(await start(s.url, { version: '1.0.0', mode: 'shadow' }), 409)).code, 'already_stable');
    });
  });

  describe('the holdout gate', () => {
    it('refuses a candidate that does not beat stable (422 gate_failed) before it serves anything', async () => {
      const s = await startRelease();
      try {
        // Make 1.1.0 stable; 1.0.0, which misses the holdout's greetings, is then the weaker candidate.
        assert.equal((await postJson(`${s.url}/admin/reload`, { version: '1.1.0' }, auth)).status, 200);
        const error = await errorOf(await start(s.url, { version: '1.0.0', mode: 'canary', share: 1 }), 422);
        assert.equal(error.code, 'gate_failed');
        assert.equal((await predict(s.url, HAM, 'anyone')).answer.model.version, '1.1.0');
      } finally {
        await s.close();
      }
    });
  });

  describe('canary', () => {
    let s: Service;
    before(async () => {
      s = await startRelease();
    });
    after(() => s.close());
    const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);

    it('answers about the share of users with the candidate, and says which version answered', async () => {
      const res = await start(s.url, { version: '1.1.0', mode: 'canary', share: 0.3, rule: { min_samples: 20 } });
      assert.equal(res.status, 200, await res.clone().text());
      const versions = await Promise.all(users.map(async (u) => (await predict(s.url, HAM, u)).answer.model.version));
      const share = versions.filter((v) => v === '1.1.0').length / users.length;
      // 200 users: 3.3 binomial standard deviations of 0.3 is 0.107.
      assert.ok(Math.abs(share - 0.3) < 0.11, `candidate answered ${share} of the users`);
      assert.deepEqual(new Set(versions), new Set(['1.0.0', '1.1.0']));
    });

    it('gives one user the same version on every request', async () => {
      for (const u of users.slice(0, 40)) {
        const seen = new Set<string>();
        for (const text of [HAM, SPAM, GREETING]) seen.add((await predict(s.url, text, u)).answer.model.version);
        assert.equal(seen.size, 1, `${u} saw ${[...seen].join(' and ')}`);
      }
    });

    it('labels /metrics by the version that answered', async () => {
      assert.ok((await metric(s.url, /model_predict_requests_total\{model_version="1\.1\.0",outcome="ok"\}/)) > 0);
      assert.ok((await metric(s.url, /model_predict_requests_total\{model_version="1\.0\.0",outcome="ok"\}/)) > 0);
      assert.ok((await metric(s.url, /prediction_probability_count\{model_version="1\.1\.0"\}/)) > 0);
      assert.equal(await metric(s.url, /release_candidate_info\{model_version="1\.1\.0",mode="canary"\}/), 1);
    });

    it('refuses a reload while the release runs', async () => {
      assert.equal((await errorOf(await postJson(`${s.url}/admin/reload`, { version: '1.1.0' }, auth), 409)).code, 'release_in_progress');
    });

    it('shows the window and the verdict, then promote makes the candidate stable for everyone', async () => {
      const status = (await (await fetch(`${s.url}/admin/candidate`, { headers: auth })).json()) as ReleaseStatus;
      assert.ok(status.candidate);
      assert.ok(status.candidate.window.candidate.requests >= 20, JSON.stringify(status.candidate.window));
      assert.equal(status.candidate.window.stable.errors, 0);
      assert.equal(status.candidate.verdict.decision, 'promote');
      const res = await command(s.url, 'promote');
      assert.equal(res.status, 200, await res.clone().text());
      const body = (await res.json()) as { decision: string; current: { version: string } };
      assert.equal(body.decision, 'promote');
      assert.equal(body.current.version, '1.1.0');
      for (const u of users.slice(0, 30)) assert.equal((await predict(s.url, HAM, u)).answer.model.version, '1.1.0');
      assert.equal(await metric(s.url, /release_candidate_info\{model_version="1\.1\.0",mode="canary"\}/), 0);
    });
  });

  it('splits by X-User-Id on the Express route too (fast path off)', async () => {
    const s = await startRelease(undefined, false);
    try {
      assert.equal((await start(s.url, { version: '1.1.0', mode: 'canary', share: 0.5 })).status, 200);
      const seen = new Set<string>();
      for (let i = 0; i < 30; i++) {
        const versions = new Set<string>();
        for (const text of [HAM, SPAM]) versions.add((await predict(s.url, text, `express-user-${i}`)).answer.model.version);
        assert.equal(versions.size, 1, `express-user-${i} saw two versions`);
        for (const v of versions) seen.add(v);
      }
      assert.deepEqual(seen, new Set(['1.0.0', '1.1.0']));
    } finally {
      await s.close();
    }
  });

  describe('abort and the rule', () => {
    let s: Service;
    before(async () => {
      s = await startRelease();
    });
    after(() => s.close());

    it('promote with too few requests answers 409 and the release goes on', async () => {
      assert.equal((await start(s.url, { version: '1.1.0', mode: 'canary', share: 1, rule: { min_samples: 1000 } })).status, 200);
      await predict(s.url, HAM, 'u');
      const error = await errorOf(await command(s.url, 'promote'), 409);
      assert.equal(error.code, 'not_enough_evidence');
      assert.match(error.message, /only 1 of the 1000/);
      assert.equal((await predict(s.url, HAM, 'u')).answer.model.version, '1.1.0');
    });

    it('abort returns every request to stable', async () => {
      const res = await command(s.url, 'abort');
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { aborted: string }).aborted, '1.1.0');
      for (let i = 0; i < 50; i++) assert.equal((await predict(s.url, HAM, `user-${i}`)).answer.model.version, '1.0.0');
      assert.equal(((await (await fetch(`${s.url}/admin/candidate`, { headers: auth })).json()) as ReleaseStatus).candidate, null);
    });

    it('a shadow that disagrees too often is withdrawn by promote (409 promotion_refused)', async () => {
      assert.equal((await start(s.url, { version: '1.1.0', mode: 'shadow', rule: { min_samples: 10, min_agreement: 0.9 } })).status, 200);
      for (let i = 0; i < 10; i++) await predict(s.url, GREETING);
      await s.release.shadowIdle();
      const error = await errorOf(await command(s.url, 'promote'), 409);
      assert.equal(error.code, 'promotion_refused');
      assert.match(error.message, /agreement with stable 0\.00 %/);
      assert.equal(((await (await fetch(`${s.url}/admin/candidate`, { headers: auth })).json()) as ReleaseStatus).candidate, null);
    });
  });

  describe('shadow', () => {
    let s: Service;
    before(async () => {
      s = await startRelease();
    });
    after(() => s.close());

    it('never changes the answer: bodies identical byte for byte with and without the shadow', async () => {
      const texts = [HAM, SPAM, GREETING, 'Lunch on Friday?\n\nhello'];
      const without = await Promise.all(texts.map((t) => predict(s.url, t)));
      assert.equal((await start(s.url, { version: '1.1.0', mode: 'shadow', rule: { min_samples: 4 } })).status, 200);
      const withShadow = await Promise.all(texts.map((t) => predict(s.url, t)));
      assert.deepEqual(
        withShadow.map((r) => r.text),
        without.map((r) => r.text),
      );
      for (const r of withShadow) assert.equal(r.answer.model.version, '1.0.0');
    });

    it('moves the agreement metrics: greetings disagree, plain spam and ham agree', async () => {
      await s.release.shadowIdle();
      const agreeBefore = await metric(s.url, /shadow_agreement_total\{model_version="1\.1\.0",result="agree"\}/);
      const disagreeBefore = await metric(s.url, /shadow_agreement_total\{model_version="1\.1\.0",result="disagree"\}/);
      await predict(s.url, GREETING);
      await predict(s.url, SPAM);
      await predict(s.url, HAM);
      await s.release.shadowIdle();
      assert.equal((await metric(s.url, /shadow_agreement_total\{model_version="1\.1\.0",result="disagree"\}/)) - disagreeBefore, 1);
      assert.equal((await metric(s.url, /shadow_agreement_total\{model_version="1\.1\.0",result="agree"\}/)) - agreeBefore, 2);
      assert.ok((await metric(s.url, /shadow_score_difference_count\{model_version="1\.1\.0"\}/)) >= 7);
      const status = (await (await fetch(`${s.url}/admin/candidate`, { headers: auth })).json()) as ReleaseStatus;
      assert.equal(status.candidate?.window.candidate.requests, 7);
      assert.equal(status.candidate?.window.shadow.agree, 5);
    });
  });

  describe('a misbehaving shadow candidate', () => {
    it('that throws: the client gets the same answer, and the failure is counted', async () => {
      const s = await startRelease({ throws: true });
      try {
        const text = `${HAM} ${PROBE}`;
        const before = await predict(s.url, text);
        assert.equal((await start(s.url, { version: '1.1.0', mode: 'shadow' })).status, 200);
        const during = await predict(s.url, text);
        await s.release.shadowIdle();
        assert.equal(during.status, 200);
        assert.equal(during.text, before.text);
        assert.equal(await metric(s.url, /shadow_errors_total\{model_version="1\.1\.0"\}/), 1);
        assert.equal((await fetch(`${s.url}/health/ready`)).status, 200);
        assert.equal(await metric(s.url, /model_predict_requests_total\{model_version="1\.0\.0",outcome="error"\}/), 0);
      } finally {
        await s.close();
      }
    });

    it('that is slow: the client (another process) has its answer before the candidate finishes', async () => {
      const finishedAt: number[] = [];
      const slowMs = 1500;
      const s = await startRelease({ slowMs, finishedAt });
      try {
        assert.equal((await start(s.url, { version: '1.1.0', mode: 'shadow' })).status, 200);
        // The client runs in its own process: this one is busy with the candidate meanwhile.
        const client = `
          const t0 = performance.now();
          fetch(process.argv[1] + '/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: process.argv[2] }) })
            .then((r) => r.text())
            .then((body) => console.log(JSON.stringify({ receivedAt: Date.now(), latencyMs: performance.now() - t0, body })));`;
        const { stdout } = await run(process.execPath, ['-e', client, s.url, `${SPAM} ${PROBE}`], { timeout: 30_000 });
        const got = JSON.parse(stdout) as { receivedAt: number; latencyMs: number; body: string };
        await s.release.shadowIdle();
        assert.equal(finishedAt.length, 1, 'the candidate scored the copy');
        assert.ok(got.receivedAt < (finishedAt[0] ?? 0), `answer at ${got.receivedAt}, candidate done at ${finishedAt[0]}`);
        assert.ok(got.latencyMs < slowMs, `the client waited ${got.latencyMs.toFixed(0)} ms for a ${slowMs} ms candidate`);
        assert.equal((JSON.parse(got.body) as Answer).model.version, '1.0.0');
      } finally {
        await s.close();
      }
    });
  });
});
