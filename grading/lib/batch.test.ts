import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireSystem } from '../../scripts/test-support/require-system';
import { HOSTILE, writeHostile } from '../fixtures/hostile';
import { dockerUnavailable } from '../harness/docker';
import { isRoot, sandboxUid } from '../sandbox/isolation';
import { pidsOfUid } from '../sandbox/memory';
import { gradeBatch } from './batch';
import { resolveLab } from './labs';
import { REPO_ROOT } from '../harness/repo-root';
import { listSubmissions } from './submissions';

describe('gradeBatch with a whole-submission time limit', function () {
  this.timeout(120000);
  const lab = resolveLab(path.join(REPO_ROOT, 'solutions'), 'lab-00');
  let work = '';
  before(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-batch-'))));
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('stops a submission at the limit, reports timeout, and leaves nothing of it running', async () => {
    writeHostile(lab.config.id, lab.dir, lab.config.files, path.join(work, 'in'), 1);
    const loop = listSubmissions(path.join(work, 'in')).entries.filter((e) => e.id === `hostile-${HOSTILE[0]!.kind}`);
    // The per-call limit (5 s) is longer than the whole run's, so only the run limit can end it.
    const { results, slots } = await gradeBatch({
      lab,
      entries: loop,
      outDir: path.join(work, 'out'),
      jobs: 1,
      isolation: 'process',
      timeoutS: 3,
    });
    assert.equal(results[0]?.extra_data.status, 'timeout');
    assert.match(results[0]?.output ?? '', /stopped after 3 s/);
    assert.ok(fs.existsSync(path.join(work, 'out', 'submissions', loop[0]!.id, 'feedback.md')));
    if (isRoot())
      assert.deepEqual(
        slots.flatMap((s) => pidsOfUid(sandboxUid(s))),
        [],
      );
  });
});

describe('gradeBatch of a lab that builds on another, in a container', function () {
  this.timeout(180000);
  let work = '';
  before(async function () {
    const isolation = {
      name: 'Docker isolation',
      install: 'sudo apt-get install docker.io, start the engine, then bash deploy/base-image.sh',
      missing: dockerUnavailable,
    };
    await requireSystem(this, isolation);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-batch-docker-'));
  });
  after(() => work && fs.rmSync(work, { recursive: true, force: true }));

  it('runs lab 02 against the reference lab 01 staged beside it (full marks for the lab 02 answer)', async () => {
    const lab = resolveLab(path.join(REPO_ROOT, 'solutions'), 'lab-02');
    for (const f of lab.config.files) fs.cpSync(path.join(lab.dir, f), path.join(work, 'in', 'answer', f));
    const { results } = await gradeBatch({
      lab,
      entries: listSubmissions(path.join(work, 'in')).entries,
      outDir: path.join(work, 'out'),
      jobs: 1,
      isolation: 'docker',
    });
    assert.equal(results[0]?.extra_data.status, 'graded', results[0]?.output);
    assert.equal(
      results[0]?.score,
      lab.config.max_score,
      results[0]?.tests
        .filter((t) => t.score < t.max_score)
        .map((t) => t.output)
        .join('\n'),
    );
  });
});
