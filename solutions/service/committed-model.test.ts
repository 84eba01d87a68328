import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadArtifact } from '../../mlkit/artifact';
import { repoRoot } from '../../server-template/src/config';
import { postJson, silentLogger } from '../../server-template/src/testing';
import { listVersions } from '../lab-01-ship-the-model/src/registry';
import { MIN_DRIFT_ROWS } from '../lab-04-monitor/src/drift';
import { startService, type ServiceHandle } from './main';

const MODELS_DIR = path.join(repoRoot(), 'models');

describe('reference service on the committed model (models/spam/)', function () {
  let s: ServiceHandle | undefined;
  let version = '';

  before(async function () {
    const versions = await listVersions(MODELS_DIR, 'spam');
    if (versions.length === 0) {
      console.log('    skipped: no model under models/spam/ (run `npm run train`)');
      this.skip();
    }
    version = versions[versions.length - 1];
    s = await startService({ PORT: '0', PREDICTION_LOG: ':memory:', MAX_BATCH: '100' }, { logger: silentLogger(), processMetrics: false });
  });
  after(() => s?.close());

  it('serves the latest version and calls "Free money now!!!" spam', async () => {
    const body = (await (await postJson(`${s?.url}/predict`, { text: 'Free money now!!!' })).json()) as { prediction: string; model: { version: string } };
    assert.equal(body.prediction, 'spam');
    assert.equal(body.model.version, version);
  });

  it('answers exactly what loadArtifact gives in a notebook (parity)', async () => {
    const texts = ['Free money now!!!', 'Re: meeting\n\nSee you at ten tomorrow.', 'Subject: cheap meds\n\nclick http://x.example now', ''.padEnd(300, 'lorem ipsum ')];
    const direct = loadArtifact(path.join(MODELS_DIR, 'spam', version)).predictProba(texts);
    const body = (await (await postJson(`${s?.url}/predict`, { instances: texts.map((text) => ({ text })) })).json()) as { predictions: Array<{ probability: number }> };
    assert.deepEqual(body.predictions.map((p) => p.probability), direct);
  });

  it('reports drift against the artifact\'s reference statistics', async () => {
    const texts = Array.from({ length: MIN_DRIFT_ROWS + 5 }, (_, i) => `Message ${i}\n\n${i % 3 ? 'Lunch at noon?' : 'FREE money, click http://win.example now!!!'}`);
    assert.equal((await postJson(`${s?.url}/predict`, { instances: texts.map((text) => ({ text })) })).status, 200);
    const res = await fetch(`${s?.url}/monitoring/drift`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { score: number; report: { number_of_columns: number } };
    assert.ok(body.score >= 0 && body.score <= 1);
    assert.ok(body.report.number_of_columns >= 1);
  });
});
