import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const LAB = 'lab-00-warm-up';

/** `npm run <script> -- args` as an instructor (or a CI matrix job) types it. */
async function npmRun(script: string, args: string[]): Promise<void> {
  await run('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
}

/** A submission folder holding the lab's learner files from `from` (the solution or the starter). */
function submission(dir: string, id: string, from: string): void {
  for (const file of ['src/metrics.ts', 'src/rule-model.ts']) {
    fs.mkdirSync(path.join(dir, id, 'src'), { recursive: true });
    fs.copyFileSync(path.join(from, file), path.join(dir, id, file));
  }
}

describe('grading a class in shards, then grade:merge (the CI matrix and Indexed Job path)', function () {
  this.timeout(600_000);
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-shards-'));
    const subs = path.join(dir, 'submissions');
    submission(subs, 'amy', path.join(ROOT, 'solutions', LAB));
    submission(subs, 'bo', path.join(ROOT, 'labs', LAB));
    submission(subs, 'cy', path.join(ROOT, 'solutions', LAB));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('grades disjoint shards (--shard 1/2, 2/2) that merge into one report of every submission once', async () => {
    const subs = path.join(dir, 'submissions');
    for (const k of [1, 2])
      await npmRun('grade', [LAB, subs, '--isolation', 'process', '--jobs', '1', '--shard', `${k}/2`, '--out', path.join(dir, `out-${k}`)]);
    const graded = (k: number): string[] => fs.readdirSync(path.join(dir, `out-${k}`, 'submissions')).sort();
    // Every 2nd of the sorted list, from the k-th: amy and cy, then bo.
    assert.deepEqual(graded(1), ['amy', 'cy']);
    assert.deepEqual(graded(2), ['bo']);
    await npmRun('grade:merge', [path.join(dir, 'out-1'), path.join(dir, 'out-2'), '--out', path.join(dir, 'class')]);
    const [header, ...rows] = fs
      .readFileSync(path.join(dir, 'class', 'grades.csv'), 'utf8')
      .trim()
      .split('\n');
    const column = header.split(',').indexOf('score');
    assert.ok(column >= 0, `no score column in ${header}`);
    const scores = Object.fromEntries(rows.map((r) => [r.split(',')[0], Number(r.split(',')[column])]));
    assert.deepEqual(Object.keys(scores), ['amy', 'bo', 'cy']);
    const max = (JSON.parse(fs.readFileSync(path.join(ROOT, 'solutions', LAB, 'lab.json'), 'utf8')) as { max_score: number }).max_score;
    assert.equal(scores['amy'], max);
    assert.equal(scores['cy'], max);
    assert.ok(scores['bo']! <= 0.1 * max, `the starter scored ${scores['bo']} of ${max}`);
  });
});
