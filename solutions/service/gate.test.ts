import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { loadArtifact } from '../../mlkit/artifact';
import type { LoadedModel } from '../../server-template/src/contracts';
import { postJson } from '../../server-template/src/testing';
import { DiskModelRegistry } from '../lab-01-ship-the-model/src/registry';
import { writeFixtureArtifact } from './fixture-artifact';
import { compareOnHoldout, readHoldout } from './holdout-gate';
import { ADMIN_TOKEN, fixtureModels, startFixtureService, type FixtureService } from './testing';

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const CLAIMS_099 = { accuracy: 0.99, precision: 0.99, recall: 0.99, f1: 0.99, roc_auc: 0.99 };

async function current(url: string): Promise<string> {
  return ((await (await fetch(`${url}/models/current`)).json()) as { version: string }).version;
}

async function errorOf(res: Response): Promise<{ code: string; message: string; details?: { gain?: { low: number } } }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe('reload gate: a paired bootstrap on the holdout', () => {
  let modelsDir: string;
  let open: (version: string) => Promise<LoadedModel>;
  before(() => {
    modelsDir = fixtureModels();
    writeFixtureArtifact(modelsDir, '2.0.0', { labelsSwapped: true, claimedMetrics: CLAIMS_099 });
    const disk = new DiskModelRegistry({ modelsDir, name: 'spam', openArtifact: loadArtifact });
    open = (v) => disk.open(v);
  });
  after(() => rmSync(modelsDir, { recursive: true, force: true }));

  it('promotes a candidate whose F1 gain has a lower bound above 0', async () => {
    const v = compareOnHoldout(await open('1.0.0'), await open('1.1.0'), readHoldout(path.join(modelsDir, 'holdout.jsonl')));
    assert.equal(v.promote, true, JSON.stringify(v));
    assert.ok(v.candidateF1 > v.currentF1 && v.gain.low > 0);
  });

  it('refuses an identical candidate: a gain of exactly 0 is no evidence of a better model', async () => {
    const m = await open('1.0.0');
    const v = compareOnHoldout(m, await open('1.0.0'), readHoldout(path.join(modelsDir, 'holdout.jsonl')));
    assert.equal(v.promote, false);
    assert.deepEqual(v.gain, { estimate: 0, low: 0, high: 0 });
  });

  it('refuses a worse candidate whatever its metadata claims', async () => {
    const v = compareOnHoldout(await open('1.0.0'), await open('2.0.0'), readHoldout(path.join(modelsDir, 'holdout.jsonl')));
    assert.equal(v.promote, false);
    assert.ok(v.candidateF1 < v.currentF1 && v.gain.low < 0, JSON.stringify(v));
  });
});

describe('reference service: POST /admin/reload goes through the holdout gate', () => {
  let s: FixtureService;
  before(async () => {
    s = await startFixtureService();
    writeFixtureArtifact(s.modelsDir, '2.0.0', { labelsSwapped: true, claimedMetrics: CLAIMS_099 });
    writeFixtureArtifact(s.modelsDir, '1.0.1');
  });
  after(() => s.dispose());

  it('refuses a candidate claiming F1 0.99 whose weights are worse: 422 gate_failed, the old model keeps answering', async () => {
    const res = await postJson(`${s.url}/admin/reload`, { version: '2.0.0' }, auth);
    assert.equal(res.status, 422);
    const error = await errorOf(res);
    assert.equal(error.code, 'gate_failed');
    assert.match(error.message, /holdout/);
    assert.ok((error.details?.gain?.low ?? 0) < 0);
    assert.equal(await current(s.url), '1.0.0');
    const p = (await (await postJson(`${s.url}/predict`, { text: 'WIN FREE MONEY NOW!!! click here' })).json()) as {
      prediction: string;
      model: { version: string };
    };
    assert.deepEqual([p.prediction, p.model.version], ['spam', '1.0.0']);
  });

  it('refuses a retrain that is only equal (same weights), naming rollback as the way back', async () => {
    const res = await postJson(`${s.url}/admin/reload`, { version: '1.0.1' }, auth);
    assert.equal(res.status, 422);
    const error = await errorOf(res);
    assert.equal(error.code, 'gate_failed');
    assert.match(error.message, /\/admin\/rollback/);
    assert.equal(await current(s.url), '1.0.0');
  });

  it('accepts a better candidate, and rollback still returns to the old one without a gate', async () => {
    const res = await postJson(`${s.url}/admin/reload`, { version: '1.1.0' }, auth);
    assert.equal(res.status, 200);
    assert.equal(await current(s.url), '1.1.0');
    const back = await fetch(`${s.url}/admin/rollback`, { method: 'POST', headers: auth });
    assert.equal(back.status, 200);
    assert.equal(await current(s.url), '1.0.0');
  });

  it('without a holdout, refuses to swap: 503 gate_unavailable, nothing changes', async () => {
    const t = await startFixtureService({ HOLDOUT_FILE: path.join(s.modelsDir, 'no-such-holdout.jsonl') });
    try {
      const res = await postJson(`${t.url}/admin/reload`, { version: '1.1.0' }, auth);
      assert.equal(res.status, 503);
      assert.equal((await errorOf(res)).code, 'gate_unavailable');
      assert.equal(await current(t.url), '1.0.0');
    } finally {
      await t.dispose();
    }
  });
});
