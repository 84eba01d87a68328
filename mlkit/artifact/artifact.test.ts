import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtifactError, latestVersion, listVersions, loadArtifact, type MetadataExtras, saveArtifact } from './index';
import { trainSpamClassifier } from '../pipeline/train';
import { tinyLabels, tinyTexts } from '../pipeline/test-fixtures';

const metric = { accuracy: 1, precision: 1, recall: 1, f1: 1, roc_auc: 1 };
const extras: MetadataExtras = {
  training_data: { train: { file: 'train.jsonl', sha256: 'ab', rows: 6, spam: 3, ham: 3 } },
  metrics: { validation: metric, test: metric },
  reference: { format: 'example' },
  created_at: '2026-01-01T00:00:00.000Z',
};
const clf = trainSpamClassifier(tinyTexts, tinyLabels).withThreshold(0.4);

describe('model artifacts', () => {
  let root = '';
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'mlkit-artifact-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('saves to <root>/<name>/<version> and loads the same predictions and threshold', () => {
    const dir = saveArtifact(root, 'spam', '1.0.0', clf, extras);
    assert.equal(dir, join(root, 'spam', '1.0.0'));
    const m = loadArtifact(dir);
    assert.equal(m.dir, dir);
    assert.equal(m.threshold, 0.4);
    assert.deepEqual(m.predictProba(tinyTexts), clf.predictProba(tinyTexts));
    assert.equal(m.metadata.name, 'spam');
    assert.deepEqual(m.metadata.reference, { format: 'example' });
    assert.equal(m.metadata.files['model.json']?.bytes, readFileSync(join(dir, 'model.json')).length);
  });
  it('writes byte-identical files for the same model and metadata', () => {
    const a = readFileSync(join(saveArtifact(root, 'spam', '1.0.0', clf, extras), 'model.json'));
    const b = readFileSync(join(saveArtifact(root, 'spam', '1.0.1', clf, extras), 'model.json'));
    assert.ok(a.equals(b));
  });
  it('names model.json when it is corrupt', () => {
    const dir = saveArtifact(root, 'spam', '1.0.0', clf, extras);
    const file = join(dir, 'model.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"threshold":0.4', '"threshold":0.9'));
    assert.throws(
      () => loadArtifact(dir),
      (e: unknown) => e instanceof ArtifactError && e.file === 'model.json' && e.problem === 'corrupt',
    );
  });
  it('names model.json when it is missing', () => {
    const dir = saveArtifact(root, 'spam', '1.0.0', clf, extras);
    unlinkSync(join(dir, 'model.json'));
    assert.throws(
      () => loadArtifact(dir),
      (e: unknown) => e instanceof ArtifactError && e.file === 'model.json' && e.problem === 'missing',
    );
  });
  it('names metadata.json when it is not JSON or misses a field', () => {
    const dir = saveArtifact(root, 'spam', '1.0.0', clf, extras);
    writeFileSync(join(dir, 'metadata.json'), '{ not json');
    assert.throws(() => loadArtifact(dir), /metadata\.json is corrupt/);
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ name: 'spam', version: '1.0.0', created_at: 'x', threshold: 0.4 }));
    assert.throws(() => loadArtifact(dir), /metadata\.json is invalid: "files"/);
  });
  it('refuses a folder that does not exist', () => {
    assert.throws(
      () => loadArtifact(join(root, 'nope')),
      (e: unknown) => e instanceof ArtifactError && e.problem === 'missing',
    );
  });
  it('rejects bad names and versions before writing anything', () => {
    assert.throws(() => saveArtifact(root, '../evil', '1.0.0', clf, extras), /model name/);
    assert.throws(() => saveArtifact(root, 'spam', 'v1', clf, extras), /MAJOR\.MINOR\.PATCH/);
  });
  it('lists versions in semantic-version order and finds the latest', () => {
    for (const v of ['1.10.0', '1.2.0', '1.9.3']) saveArtifact(root, 'spam', v, clf, extras);
    mkdirSync(join(root, 'spam', '2.0.0')); // no metadata.json: not a version
    assert.deepEqual(listVersions(root, 'spam'), ['1.2.0', '1.9.3', '1.10.0']);
    assert.equal(latestVersion(root, 'spam'), '1.10.0');
    assert.equal(latestVersion(root, 'other'), null);
  });
});
