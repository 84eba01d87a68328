import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/repo-root';
import { acquireSlot, type SlotLease } from '../sandbox/slots';
import { buildLab } from './build';
import { type LabConfig, LabError, listLabs } from './labs';
import { labsFolderOf, learnerLabFiles, learnerLabsOf } from './learner-labs';
import { stage } from './stage';

const solutions = listLabs(path.join(REPO_ROOT, 'solutions'));
const lab = (id: string) => solutions.find((l) => l.config.id === id)!;
const lab03 = lab('lab-03-containerize');

/** A learner's labs folder: every lab's starter, then `changes` (lab-relative path → text). */
function labsFolder(root: string, changes: Record<string, string>): string {
  const labs = path.join(root, 'labs');
  for (const l of solutions) {
    for (const [rel, buf] of buildLab(l)) {
      const file = path.join(labs, l.config.id, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, buf);
    }
  }
  for (const [rel, text] of Object.entries(changes)) fs.writeFileSync(path.join(labs, rel), text);
  return labs;
}

describe('learner_labs (the learner’s own earlier labs, for a lab graded on the whole service)', () => {
  let work = '';
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-learner-labs-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('resolves lab 03’s learner_labs to the reference labs, and refuses an unknown one', () => {
    assert.deepEqual(
      learnerLabsOf(lab03.config).map((l) => l.config.id),
      ['lab-01-ship-the-model', 'lab-02-harden-the-api', 'lab-04-monitor'],
    );
    const bad: LabConfig = { ...lab03.config, learner_labs: ['lab-99-nothing'] };
    assert.throws(
      () => learnerLabsOf(bad),
      (e: Error) => e instanceof LabError && /lab-99-nothing/.test(e.message),
    );
  });

  it('finds the labs folder only when the submission is a folder named for the graded lab', () => {
    assert.equal(labsFolderOf(lab03.config.id, path.join(work, 'labs', lab03.config.id)), path.join(work, 'labs'));
    assert.equal(labsFolderOf(lab03.config.id, path.join(work, 'in-0-alice')), undefined);
  });

  it('stages the files the learner changed, never an untouched starter or a link', () => {
    const labs = labsFolder(work, { 'lab-02-harden-the-api/src/validate.ts': '// mine\n' });
    fs.rmSync(path.join(labs, 'lab-01-ship-the-model', 'src', 'predict.ts'));
    fs.symlinkSync('/etc/passwd', path.join(labs, 'lab-01-ship-the-model', 'src', 'predict.ts'));
    const staged = learnerLabFiles(labs, learnerLabsOf(lab03.config));
    assert.deepEqual(
      staged.map((f) => `${f.lab}/${f.rel}`),
      ['lab-02-harden-the-api/src/validate.ts'],
    );
  });

  describe('stage', () => {
    let lease: SlotLease;
    before(() => {
      lease = acquireSlot();
    });
    after(() => lease.release());

    it('puts the learner’s changed file of lab 02 beside the lab 03 submission, read-only', () => {
      const labs = labsFolder(work, { 'lab-02-harden-the-api/src/validate.ts': '// mine\n' });
      fs.chmodSync(work, 0o711);
      const { rootDir } = stage({
        labId: lab03.config.id,
        source: path.join(labs, lab03.config.id),
        workDir: work,
        isolation: 'process',
        slot: lease.slot,
        memoryMb: 256,
        name: 'learner-labs-test',
        learnerLabs: learnerLabsOf(lab03.config),
      });
      const staged = path.join(rootDir, 'labs', 'lab-02-harden-the-api', 'src', 'validate.ts');
      assert.equal(fs.readFileSync(staged, 'utf8'), '// mine\n');
      assert.equal(fs.statSync(staged).mode & 0o777, 0o644);
      assert.equal(fs.existsSync(path.join(rootDir, 'labs', 'lab-04-monitor')), false, 'an untouched lab 04 stays the reference');
    });
  });
});
