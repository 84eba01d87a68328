import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRecommender } from './artifact';
import { addMonths, parseMonth } from './month';
import { perUserScores } from './per-user';
import { monthData } from './retrain-data';
import { RetrainRefusal, type RetrainRecord, retrainMonth } from './retrain';
import { currentVersion, promotedVersions, rollBack } from './retrain-store';
import type { ShopLog } from './shop-log';
import { testShop } from './test-helpers';
import type { Recommender } from './types';

const mean = (v: Float64Array): number => v.reduce((s, x) => s + x, 0) / v.length;

describe('monthly retrain on the simulated shop', function () {
  this.timeout(240_000);
  let log: ShopLog, modelsDir: string;
  const start = parseMonth('2010-05');
  const runs: RetrainRecord[] = [];
  let frozen: Recommender;
  const frozenRecall: number[] = [];

  before(() => {
    const shop = testShop();
    log = { events: shop.events, window: shop.window, itemIds: shop.itemIds, source: { file: 'shop.sqlite', sha256: '0'.repeat(64) } };
    modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recs-retrain-'));
    // May's model serves first; then the job runs for three consecutive months.
    for (let i = 0; i <= 3; i++) runs.push(retrainMonth({ log, month: addMonths(start, i), modelsDir }));
    frozen = loadRecommender(path.join(modelsDir, 'recs', '2010.5.0')).model;
    for (let i = 0; i <= 3; i++) {
      const data = monthData(log, addMonths(start, i));
      frozenRecall.push(mean(perUserScores(frozen, data.test, data.history).recall));
    }
  });
  after(() => fs.rmSync(modelsDir, { recursive: true, force: true }));

  it('promotes the first model without a comparison, then each month through the gate', () => {
    assert.deepEqual(
      runs.map((r) => [r.candidate_version, r.decision, r.serving]),
      [
        ['2010.5.0', 'first', '2010.5.0'],
        ['2010.6.0', 'promoted', '2010.6.0'],
        ['2010.7.0', 'promoted', '2010.7.0'],
        ['2010.8.0', 'promoted', '2010.8.0'],
      ],
    );
    assert.deepEqual(promotedVersions(modelsDir), ['2010.5.0', '2010.6.0', '2010.7.0', '2010.8.0']);
    for (const r of runs.slice(1)) assert.ok(r.verdict && r.verdict.gain.recall.low > 0, JSON.stringify(r.verdict?.gain));
  });

  it('compares against the version that served, measured by the gate itself, on the next month', () => {
    for (const [i, r] of runs.entries()) {
      assert.equal(r.test_month, addMonths(start, i + 1).label);
      if (i > 0) assert.equal(r.current_version, runs[i - 1]?.candidate_version);
    }
    // The never-retrained model is the one serving before June's run: the gate's number for it is ours.
    assert.ok(Math.abs((runs[1]?.verdict?.current.recall.estimate as number) - (frozenRecall[1] as number)) < 1e-12);
  });

  it('keeps recall@10 up with monthly retraining while the never-retrained May model decays (the tastes drift)', () => {
    const served = runs.map((r) => r.candidate.recall.estimate);
    const detail = `served ${served.map((x) => x.toFixed(4))}, never retrained ${frozenRecall.map((x) => x.toFixed(4))}`;
    for (let i = 1; i <= 3; i++) {
      assert.ok((served[i] as number) > 0.8 * (served[0] as number), detail);
      assert.ok((frozenRecall[i] as number) < (frozenRecall[i - 1] as number), detail);
    }
    assert.ok((frozenRecall[3] as number) < 0.7 * (frozenRecall[0] as number), detail);
    assert.ok((served[3] as number) - (frozenRecall[3] as number) > 0.03, detail);
  });

  it('refuses a worse candidate: kept with its record under recs-retrain, not promoted', () => {
    const month = addMonths(start, 4);
    const r = retrainMonth({ log, month, modelsDir, recipe: { model: 'popularity' } });
    assert.equal(r.decision, 'refused');
    assert.ok(r.verdict && r.verdict.gain.recall.high < 0, JSON.stringify(r.verdict?.gain));
    assert.equal(currentVersion(modelsDir), '2010.8.0');
    assert.equal(r.serving, '2010.8.0');
    assert.equal(loadRecommender(r.candidate_dir).model.kind, 'popularity');
    const records = fs
      .readFileSync(path.join(modelsDir, 'recs-retrain', 'runs.jsonl'), 'utf8')
      .trim()
      .split('\n');
    assert.equal(records.length, 5);
    assert.equal(JSON.parse(records[4] as string).decision, 'refused');
  });

  it('refuses to run twice for a month, or for a month the serving model has already trained past', () => {
    assert.throws(
      () => retrainMonth({ log, month: addMonths(start, 4), modelsDir }),
      (e: unknown) => e instanceof RetrainRefusal && /2010\.9\.0 already exists/.test((e as Error).message),
    );
    assert.throws(
      () => retrainMonth({ log, month: addMonths(start, 1), modelsDir }),
      (e: unknown) => e instanceof RetrainRefusal && /reach into the test month 2010-07/.test((e as Error).message),
    );
  });

  it('rolls back to the previous version, keeping the one taken back', () => {
    assert.deepEqual(rollBack(modelsDir), { from: '2010.8.0', to: '2010.7.0' });
    assert.equal(currentVersion(modelsDir), '2010.7.0');
    assert.ok(fs.existsSync(path.join(modelsDir, 'recs-retrain', 'rolled-back', 'recs', '2010.8.0', 'model.json')));
  });

  it('records in a served artifact what it was trained on and which version it replaced', () => {
    const { metadata } = loadRecommender(path.join(modelsDir, 'recs', '2010.7.0'));
    assert.deepEqual(metadata.training_data.window, { from: '2010-01-01T00:00:00.000Z', to: '2010-08-01T00:00:00.000Z' });
    assert.equal(metadata['parent_version'], '2010.6.0');
  });
});

describe('rollBack with too few versions', () => {
  it('says there is nothing to roll back to', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recs-empty-'));
    try {
      assert.throws(() => rollBack(dir), /nothing to roll back to: no version is promoted/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
