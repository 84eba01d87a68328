import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LabConfig } from './labs';
import { listSubmissions, prepare, shard } from './submissions';
import { InvalidSubmission } from './unpack';

const config = { id: 'lab-00-x', files: ['src/a.ts'] } as LabConfig;

describe('submissions', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-subs-'));
    for (const d of ['zoe', 'amy/wrapped/src', 'bob/src', 'empty']) fs.mkdirSync(path.join(dir, d), { recursive: true });
    fs.writeFileSync(path.join(dir, 'amy', 'wrapped', 'src', 'a.ts'), '');
    fs.writeFileSync(path.join(dir, 'bob', 'src', 'a.ts'), '');
    for (const f of ['cat.zip', 'dan.tar.gz', 'notes.txt']) fs.writeFileSync(path.join(dir, f), '');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists folders, .zip and .tar.gz by id in sorted order, and names what it skipped', () => {
    const { entries, skipped } = listSubmissions(dir);
    assert.deepEqual(
      entries.map((e) => `${e.id}:${e.kind}`),
      ['amy:folder', 'bob:folder', 'cat:zip', 'dan:tar', 'empty:folder', 'zoe:folder'],
    );
    assert.deepEqual(skipped, ['notes.txt']);
  });

  it('partitions into shards that cover every submission exactly once', () => {
    const ids = listSubmissions(dir).entries.map((e) => e.id);
    const parts = [1, 2, 3].map((k) => shard(ids, k, 3));
    assert.deepEqual(parts.flat().sort(), ids);
    assert.deepEqual(parts[0], ['amy', 'dan']);
  });

  it('finds the learner files inside a single wrapping folder', async () => {
    const root = await prepare(listSubmissions(dir).entries[0]!, config, path.join(dir, '.out-amy'));
    assert.ok(fs.existsSync(path.join(root, 'src', 'a.ts')));
  });

  it('calls a submission without any lab file invalid', async () => {
    const empty = listSubmissions(dir).entries.find((e) => e.id === 'empty')!;
    await assert.rejects(
      prepare(empty, config, path.join(dir, '.out-empty')),
      (e: Error) => e instanceof InvalidSubmission && /src\/a\.ts/.test(e.message),
    );
  });
});
