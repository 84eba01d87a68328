import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArtifactError, listVersions } from '../artifact';
import { AlsRecommender } from './als';
import { loadRecommender, recommenderFromJSON, type RecommenderExtras, saveRecommender } from './artifact';
import { evaluateRecommender } from './evaluate';
import { ItemKnnRecommender } from './item-knn';
import { PopularityRecommender } from './popularity';

const train = [
  [1, 1],
  [1, 2],
  [2, 1],
  [2, 3],
  [3, 2],
  [3, 3],
  [4, 4],
  [5, 4],
  [5, 1],
].map(([user, item]) => ({ user: user, item: item }));
const test = [
  { user: 1, item: 3 },
  { user: 4, item: 1 },
];

function extras(model: PopularityRecommender | ItemKnnRecommender | AlsRecommender): RecommenderExtras {
  return {
    created_at: '2010-06-01T00:00:00.000Z',
    training_data: {
      file: 'datasets/build/shop/shop.sqlite',
      sha256: 'ab'.repeat(32),
      window: { from: '2010-01-01T00:00:00.000Z', to: '2010-06-01T00:00:00.000Z' },
      events: train.length,
      users: 5,
      items: 4,
    },
    metrics: { test: evaluateRecommender(model, test, new Map(), { k: 2, catalogueSize: 4 }) },
  };
}

describe('recommender artifacts', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'recsys-artifact-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  for (const model of [
    PopularityRecommender.fit(train),
    ItemKnnRecommender.fit(train),
    AlsRecommender.fit(train, { factors: 2, iterations: 3 }),
  ]) {
    it(`round-trips a ${model.kind} model: same lists for known and unknown users`, () => {
      const dir = saveRecommender(root, `shop-${model.kind}`, '1.0.0', model, extras(model));
      const loaded = loadRecommender(dir);
      assert.equal(loaded.model.kind, model.kind);
      for (const u of [1, 4, 99]) assert.deepEqual(loaded.model.recommend(u, 3), model.recommend(u, 3));
      assert.equal(loaded.metadata.model_kind, model.kind);
    });
  }

  it('writes metadata.json with the artifact contract fields, found by listVersions', () => {
    const model = PopularityRecommender.fit(train);
    const dir = saveRecommender(root, 'shop', '1.2.0', model, extras(model));
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'metadata.json'), 'utf8'));
    assert.deepEqual(Object.keys(meta).slice(0, 6), ['name', 'version', 'created_at', 'kind', 'model_kind', 'files']);
    assert.equal(meta.kind, 'recommender');
    assert.equal(meta.training_data.window.to, '2010-06-01T00:00:00.000Z');
    assert.equal(typeof meta.metrics.test.ndcg, 'number');
    assert.deepEqual(listVersions(root, 'shop'), ['1.2.0']);
  });

  it('refuses a model.json changed after saving, naming the file', () => {
    const model = PopularityRecommender.fit(train);
    const dir = saveRecommender(root, 'tampered', '1.0.0', model, extras(model));
    fs.appendFileSync(path.join(dir, 'model.json'), ' ');
    assert.throws(
      () => loadRecommender(dir),
      (e: unknown) => e instanceof ArtifactError && e.file === 'model.json' && e.problem === 'corrupt',
    );
  });

  it('refuses a missing folder, a spam artifact and an unknown model kind', () => {
    assert.throws(
      () => loadRecommender(path.join(root, 'nope')),
      (e: unknown) => e instanceof ArtifactError && e.problem === 'missing',
    );
    const dir = path.join(root, 'spam', '1.0.0');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'metadata.json'), JSON.stringify({ name: 'spam', version: '1.0.0', threshold: 0.5 }));
    assert.throws(() => loadRecommender(dir), /"kind" must be "recommender"/);
    assert.throws(() => recommenderFromJSON({ kind: 'svd' }), /unknown recommender kind "svd"/);
  });

  it('refuses a bad name or version before writing anything', () => {
    const model = PopularityRecommender.fit(train);
    assert.throws(() => saveRecommender(root, 'Bad Name', '1.0.0', model, extras(model)), /model name/);
    assert.throws(() => saveRecommender(root, 'ok', 'v1', model, extras(model)), /MAJOR.MINOR.PATCH/);
  });
});
