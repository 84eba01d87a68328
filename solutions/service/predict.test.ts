import assert from 'node:assert/strict';
import * as path from 'node:path';
import { postJson } from '../../server-template/src/testing';
import { loadArtifact } from '../../mlkit/artifact';
import { startFixtureService, type FixtureService } from './testing';

interface Answer {
  prediction: 'spam' | 'ham';
  probability: number;
  model: { name: string; version: string };
}

describe('reference service: POST /predict', () => {
  let s: FixtureService;
  before(async () => {
    s = await startFixtureService();
  });
  after(() => s.dispose());

  it('answers one text with prediction, probability and model', async () => {
    const res = await postJson(`${s.url}/predict`, { text: 'Free money now!!!' });
    assert.equal(res.status, 200);
    const body = (await res.json()) as Answer;
    assert.equal(body.prediction, 'spam');
    assert.ok(body.probability > 0.5 && body.probability <= 1);
    assert.deepEqual(body.model, { name: 'spam', version: '1.0.0' });
  });

  it('gives exactly what the model gives when called directly (parity)', async () => {
    const texts = ['Free money now!!!', 'Meeting at ten tomorrow.', 'click to win', ''.padEnd(10, 'a')];
    const artifact = loadArtifact(path.join(s.modelsDir, 'spam', '1.0.0'));
    const direct = artifact.predictProba(texts);
    const res = await postJson(`${s.url}/predict`, { instances: texts.map((text) => ({ text })) });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { predictions: Answer[]; model: unknown };
    assert.deepEqual(body.model, { name: 'spam', version: '1.0.0' });
    assert.deepEqual(
      body.predictions.map((p) => p.probability),
      direct,
    );
    assert.deepEqual(
      body.predictions.map((p) => p.prediction),
      direct.map((p) => (p >= artifact.threshold ? 'spam' : 'ham')),
    );
  });

  it('answers single and batch alike for the same text', async () => {
    const one = (await (await postJson(`${s.url}/predict`, { text: 'click now' })).json()) as Answer;
    const batch = (await (await postJson(`${s.url}/predict`, { instances: [{ text: 'click now' }] })).json()) as { predictions: Answer[] };
    assert.deepEqual(batch.predictions[0], { prediction: one.prediction, probability: one.probability });
  });

  it('GET /models/current describes the model', async () => {
    const body = (await (await fetch(`${s.url}/models/current`)).json()) as Record<string, unknown>;
    assert.equal(body['name'], 'spam');
    assert.equal(body['version'], '1.0.0');
    assert.equal(body['threshold'], 0.5);
    assert.equal(body['created_at'], '2026-01-01T00:00:00.000Z');
  });

  it('is ready and serves the web page', async () => {
    assert.equal((await fetch(`${s.url}/health/ready`)).status, 200);
    assert.match(await (await fetch(`${s.url}/`)).text(), /Spam or ham\?/);
  });
});
