import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ensureDatasets, readSpamSplit } from '../../datasets/read';
import { loadArtifact } from '../../mlkit/artifact';
import { repoRoot } from '../../server-template/src/config';
import { postJson, silentLogger } from '../../server-template/src/testing';
import { listVersions } from '../lab-01-ship-the-model/src/registry';
import { MIN_DRIFT_ROWS } from '../lab-04-monitor/src/drift';
import { startService, type ServiceHandle } from './main';

const MODELS_DIR = path.join(repoRoot(), 'models');

describe('reference service on the committed model (models/spam/)', () => {
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
    const body = (await (await postJson(`${s?.url}/predict`, { text: 'Free money now!!!' })).json()) as {
      prediction: string;
      model: { version: string };
    };
    assert.equal(body.prediction, 'spam');
    assert.equal(body.model.version, version);
  });

  it('answers exactly what loadArtifact gives in a notebook (parity)', async () => {
    const texts = [
      'Free money now!!!',
      'Re: meeting\n\nSee you at ten tomorrow.',
      'Subject: cheap meds\n\nclick http://x.example now',
      ''.padEnd(300, 'lorem ipsum '),
    ];
    const direct = loadArtifact(path.join(MODELS_DIR, 'spam', version)).predictProba(texts);
    const body = (await (await postJson(`${s?.url}/predict`, { instances: texts.map((text) => ({ text })) })).json()) as {
      predictions: Array<{ probability: number }>;
    };
    assert.deepEqual(
      body.predictions.map((p) => p.probability),
      direct,
    );
  });

  it("reports dataset drift for short made-up messages, unlike the reference's real mail", async () => {
    const texts = Array.from(
      { length: MIN_DRIFT_ROWS + 5 },
      (_, i) => `Message ${i}\n\n${i % 3 ? 'Lunch at noon?' : 'FREE money, click http://win.example now!!!'}`,
    );
    const body = await driftAfter(texts);
    assert.equal(body.report.dataset_drift, true, `score ${body.score}`);
    assert.ok(body.score >= 0.5, `score ${body.score}`);
    assert.equal(body.report.columns.length?.drifted, true, 'the length column');
  });

  it('reports no dataset drift for held-out mail of the period the reference was taken from', async function () {
    this.timeout(120_000);
    await ensureDatasets();
    const body = await driftAfter(
      readSpamSplit('test')
        .slice(0, 100)
        .map((r) => r.text),
    );
    assert.equal(body.report.current_rows, 100);
    assert.equal(body.report.dataset_drift, false, `score ${body.score}: ${drifted(body)}`);
  });
});

interface DriftBody {
  score: number;
  report: { dataset_drift: boolean; current_rows: number; columns: Record<string, { drifted: boolean } | undefined> };
}

/** Drift of `texts` alone: a fresh service (empty log) on the committed model answers them, then reports. */
async function driftAfter(texts: string[]): Promise<DriftBody> {
  const service = await startService(
    { PORT: '0', PREDICTION_LOG: ':memory:', MAX_BATCH: '100' },
    { logger: silentLogger(), processMetrics: false },
  );
  try {
    for (let i = 0; i < texts.length; i += 100) {
      const batch = texts.slice(i, i + 100).map((text) => ({ text }));
      assert.equal((await postJson(`${service.url}/predict`, { instances: batch })).status, 200);
    }
    const res = await fetch(`${service.url}/monitoring/drift`);
    assert.equal(res.status, 200);
    return (await res.json()) as DriftBody;
  } finally {
    await service.close();
  }
}

const drifted = (body: DriftBody): string =>
  Object.entries(body.report.columns)
    .filter(([, c]) => c?.drifted)
    .map(([name]) => name)
    .join(', ') || 'no column drifted';
