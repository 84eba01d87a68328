import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SpamSplit } from './read';
import { DEFAULT_BUILD_DIR, datasetsBuilt, ensureDatasets, readManifest, readPenguins, readSpamSplit } from './read';

describe('datasets/read', () => {
  let dir: string;
  const row = {
    id: 'spam-1/00001.x',
    group: 'spam-1',
    period: 1,
    date: null,
    date_plausible: false,
    from_domain: null,
    subject: 's',
    body: 'b',
    is_html: false,
    headers: 'H: v',
    text: 's\n\nb',
    label: 'spam',
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datasets-read-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function writeSmallBuild(): void {
    fs.mkdirSync(path.join(dir, 'spam'));
    fs.writeFileSync(
      path.join(dir, 'spam', 'train.jsonl'),
      `${JSON.stringify(row)}\n${JSON.stringify({ ...row, id: 'spam-1/00002.y' })}\n`,
    );
    fs.writeFileSync(
      path.join(dir, 'penguins.json'),
      '[{"species":"Adelie","island":"Dream","beakLengthMm":null,"beakDepthMm":1,"flipperLengthMm":2,"bodyMassG":3,"sex":null}]',
    );
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ files: { 'spam/train.jsonl': {}, 'penguins.json': {} } }));
  }

  it('resolves the default build folder next to read.ts, not from the working directory', () => {
    assert.equal(DEFAULT_BUILD_DIR, path.join(__dirname, 'build'));
  });

  it('reads a split, the penguins and the manifest', () => {
    writeSmallBuild();
    assert.deepEqual(
      readSpamSplit('train', dir).map((r) => r.id),
      ['spam-1/00001.x', 'spam-1/00002.y'],
    );
    assert.equal(readPenguins(dir)[0]?.beakLengthMm, null);
    assert.deepEqual(Object.keys(readManifest(dir).files), ['spam/train.jsonl', 'penguins.json']);
  });

  it('says the datasets are not built, and how to build them, when files are missing', () => {
    assert.equal(datasetsBuilt(dir), false);
    assert.throws(() => readSpamSplit('test', dir), /datasets not built: run npm run datasets/);
    assert.throws(() => readManifest(dir), /datasets not built: run npm run datasets/);
  });

  it('counts a build with a listed file missing as not built', () => {
    writeSmallBuild();
    assert.equal(datasetsBuilt(dir), true);
    fs.rmSync(path.join(dir, 'penguins.json'));
    assert.equal(datasetsBuilt(dir), false);
  });

  it('rejects an unknown split name and names the valid ones', () => {
    assert.throws(() => readSpamSplit('dev' as SpamSplit, dir), /unknown spam split "dev": use one of train, validation, test, production/);
  });

  it('names the line of a corrupt file', () => {
    writeSmallBuild();
    fs.appendFileSync(path.join(dir, 'spam', 'train.jsonl'), '{not json\n');
    assert.throws(() => readSpamSplit('train', dir), /spam\/train\.jsonl line 3 is not valid JSON/);
  });

  it('does not rebuild when the datasets are there', async () => {
    writeSmallBuild();
    const lines: string[] = [];
    assert.equal(await ensureDatasets({ dir, log: (l) => lines.push(l) }), false);
    assert.deepEqual(lines, []);
  });
});
