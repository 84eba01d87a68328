import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOSTILE, writeHostile } from '../fixtures/hostile';
import { isRoot, sandboxUid } from '../sandbox/isolation';
import { pidsOfUid } from '../sandbox/memory';
import { gradeBatch } from './batch';
import { REPO_ROOT, resolveLab } from './labs';
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
    const { results } = await gradeBatch({ lab, entries: loop, outDir: path.join(work, 'out'), jobs: 1, isolation: 'process', timeoutS: 3 });
    assert.equal(results[0]?.extra_data.status, 'timeout');
    assert.match(results[0]?.output ?? '', /stopped after 3 s/);
    assert.ok(fs.existsSync(path.join(work, 'out', 'submissions', loop[0]!.id, 'feedback.md')));
    if (isRoot()) assert.deepEqual(pidsOfUid(sandboxUid(0)), []);
  });
});
