import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SHOP_FILE } from '../../datasets/shop/build-shop';
import { DEFAULT_BUILD_DIR } from '../../datasets/files';
import { listVersions } from '../../mlkit/artifact';
import { loadRecommender, saveRecommender } from '../../mlkit/recsys';
import { repoRoot } from '../../server-template/src/config';
import { RECS_MODEL_NAME, SHIPPED_WINDOW, trainRecs } from './train';
import { versionForMonth } from './versions';

const MODELS = path.join(repoRoot(), 'models');

describe('the committed recommender (models/recs/)', function () {
  this.timeout(120_000);
  const version = versionForMonth(SHIPPED_WINDOW.to - 1);

  it('is version 2010.5.0, named after its last training month', () => {
    assert.equal(version, '2010.5.0');
    assert.ok(listVersions(MODELS, RECS_MODEL_NAME).includes(version));
  });

  it('loads with its checksums, is ALS, and carries titles for every item it knows', () => {
    const { metadata, model } = loadRecommender(path.join(MODELS, RECS_MODEL_NAME, version));
    assert.equal(model.kind, 'als');
    assert.deepEqual(metadata.training_data.window, { from: '2010-01-01T00:00:00.000Z', to: '2010-06-01T00:00:00.000Z' });
    const catalogue = metadata['catalogue'] as Record<string, unknown>;
    assert.equal(Object.keys(catalogue).length, metadata.training_data.items);
  });

  it('stays small enough to commit (under 2 MB)', () => {
    const dir = path.join(MODELS, RECS_MODEL_NAME, version);
    const bytes = statSync(path.join(dir, 'model.json')).size + statSync(path.join(dir, 'metadata.json')).size;
    assert.ok(bytes < 2_000_000, `${bytes} bytes`);
  });

  it('is what npm run recs:train writes, byte for byte', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'recs-train-'));
    try {
      const { model, extras } = trainRecs(path.join(DEFAULT_BUILD_DIR, SHOP_FILE));
      const dir = saveRecommender(out, RECS_MODEL_NAME, version, model, extras);
      for (const file of ['model.json', 'metadata.json'])
        assert.ok(
          readFileSync(path.join(dir, file)).equals(readFileSync(path.join(MODELS, RECS_MODEL_NAME, version, file))),
          `${file} differs from the committed one: run npm run recs:train`,
        );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
