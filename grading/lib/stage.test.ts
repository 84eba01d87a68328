import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isRoot } from '../sandbox/isolation';
import { acquireSlot, type SlotLease } from '../sandbox/slots';
import { referenceLabs } from './builds-on';
import { listLabs } from './labs';
import { REPO_ROOT } from '../harness/repo-root';
import { stage } from './stage';

describe('stage (a submission laid out for the sandbox)', () => {
  const lab02 = listLabs(path.join(REPO_ROOT, 'solutions')).find((l) => l.config.id === 'lab-02-harden-the-api')!;
  const lab01 = path.join(REPO_ROOT, 'solutions', 'lab-01-ship-the-model');
  let work = '';
  let rootDir = '';
  let lease: SlotLease;
  before(() => {
    lease = acquireSlot();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-stage-'));
    fs.chmodSync(work, 0o711);
    // The learner's lab 02 as generated for labs/: its app imports lab 01 by relative path.
    rootDir = stage({
      labId: lab02.config.id,
      source: path.join(REPO_ROOT, 'labs', lab02.config.id),
      workDir: work,
      isolation: 'process',
      slot: lease.slot,
      memoryMb: 256,
      name: 'stage-test',
      earlier: referenceLabs(lab02.config),
    }).rootDir;
  });
  after(() => {
    fs.rmSync(work, { recursive: true, force: true });
    lease.release();
  });

  it('puts the reference files of lab 01 that lab 02 imports beside it, and only those', () => {
    const staged = fs.readdirSync(path.join(rootDir, 'labs', 'lab-01-ship-the-model', 'src')).sort();
    assert.deepEqual(staged, ['predict.ts', 'registry.ts']);
    for (const f of staged) {
      assert.equal(
        fs.readFileSync(path.join(rootDir, 'labs', 'lab-01-ship-the-model', 'src', f), 'utf8'),
        fs.readFileSync(path.join(lab01, 'src', f), 'utf8'),
        f,
      );
    }
  });
  it('leaves the staged earlier lab readable but owned by the grader', function () {
    if (!isRoot()) this.skip(); // ownership only differs when the sandbox runs as another uid
    const st = fs.statSync(path.join(rootDir, 'labs', 'lab-01-ship-the-model', 'src', 'registry.ts'));
    assert.deepEqual([st.uid, st.mode & 0o777], [0, 0o644]);
  });
  it('stages nothing from earlier labs for a lab that builds on none', () => {
    const lab00 = listLabs(path.join(REPO_ROOT, 'solutions')).find((l) => l.config.id === 'lab-00-warm-up')!;
    const spec = stage({
      labId: lab00.config.id,
      source: lab00.dir,
      workDir: work,
      isolation: 'process',
      slot: lease.slot,
      memoryMb: 256,
      name: 'stage-test',
      earlier: referenceLabs(lab00.config),
    });
    assert.deepEqual(fs.readdirSync(path.join(spec.rootDir, 'labs')), [lab00.config.id]);
  });
});
