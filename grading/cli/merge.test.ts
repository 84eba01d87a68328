import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emptyResults } from '../harness/results';
import { mergeShards } from './merge';

describe('grade:merge', () => {
  let dir = '';
  const shardDir = (name: string, ids: string[]): string => {
    const d = path.join(dir, name);
    for (const id of ids) {
      fs.mkdirSync(path.join(d, 'submissions', id), { recursive: true });
      const r = emptyResults('lab-00-x', id, 4, 'graded', '');
      r.score = id.length;
      fs.writeFileSync(path.join(d, 'submissions', id, 'results.json'), JSON.stringify(r));
    }
    return d;
  };
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-merge-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('combines shards into one grades.csv and summary, with every submission folder', () => {
    const out = path.join(dir, 'all');
    mergeShards([shardDir('s1', ['amy', 'cy']), shardDir('s2', ['bo'])], out);
    const ids = fs
      .readFileSync(path.join(out, 'grades.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    assert.deepEqual(ids, ['amy', 'bo', 'cy']);
    assert.equal(JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')).submissions, 3);
    assert.ok(fs.existsSync(path.join(out, 'submissions', 'bo', 'results.json')));
  });

  it('refuses a submission graded in two shards', () => {
    assert.throws(() => mergeShards([shardDir('s1', ['amy']), shardDir('s2', ['amy'])], path.join(dir, 'all')), /amy is in both/);
  });

  it('names a folder that is not grade output', () => {
    assert.throws(() => mergeShards([dir], path.join(dir, 'all')), /not a grade output folder/);
  });
});
