import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/repo-root';
import { acquireSlot, type SlotLease } from '../sandbox/slots';
import { buildLab } from './build';
import { type LabConfig, LabError, listLabs } from './labs';
import { labsFolderOf, learnerLabFiles, learnerLabsOf, MAX_EXPORT_BYTES, whoseLabFile } from './learner-labs';
import { stage } from './stage';

const solutions = listLabs(path.join(REPO_ROOT, 'solutions'));
const lab = (id: string) => solutions.find((l) => l.config.id === id)!;
const lab03 = lab('lab-03-containerize');
const lab02 = lab('lab-02-harden-the-api');
const LAB_01 = 'lab-01-ship-the-model';

/** Writes `<labs>/lab-01-ship-the-model/models/spam/0.4.0/` with a model.json of `bytes` bytes. */
function exportModel(labs: string, bytes = 10): string {
  const dir = path.join(labs, LAB_01, 'models', 'spam', '0.4.0');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'metadata.json'), '{}');
  fs.writeFileSync(path.join(dir, 'model.json'), Buffer.alloc(bytes, 0x20));
  return dir;
}

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

  it('stages the model a learner exported into lab 01’s models/, but no link in it', () => {
    const labs = labsFolder(work, {});
    const dir = exportModel(labs);
    fs.symlinkSync('/etc/passwd', path.join(dir, 'notes.txt'));
    assert.deepEqual(
      learnerLabFiles(labs, learnerLabsOf(lab02.config)).map((f) => `${f.lab}/${f.rel}`),
      [`${LAB_01}/models/spam/0.4.0/metadata.json`, `${LAB_01}/models/spam/0.4.0/model.json`],
    );
  });

  it('stages none of an export bigger than the limit (half a model would fail its checksum)', () => {
    const labs = labsFolder(work, {});
    exportModel(labs, MAX_EXPORT_BYTES + 1);
    assert.deepEqual(learnerLabFiles(labs, learnerLabsOf(lab02.config)), []);
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

    it('tells a check whose lab 01 files lab 02 loaded: the learner’s changed route and export, the reference elsewhere', () => {
      const labs = labsFolder(work, { [`${LAB_01}/src/app.ts`]: '// mine\n' });
      exportModel(labs);
      fs.chmodSync(work, 0o711);
      const { rootDir } = stage({
        labId: lab02.config.id,
        source: path.join(labs, lab02.config.id),
        workDir: work,
        isolation: 'process',
        slot: lease.slot,
        memoryMb: 256,
        name: 'learner-labs-test',
        earlier: [lab(LAB_01)],
        learnerLabs: learnerLabsOf(lab02.config),
      });
      const staged = path.join(rootDir, 'labs');
      assert.equal(fs.readFileSync(path.join(staged, LAB_01, 'src', 'app.ts'), 'utf8'), '// mine\n', 'theirs replaces the reference');
      assert.equal(whoseLabFile(staged, LAB_01, 'src/app.ts'), 'yours');
      assert.equal(whoseLabFile(staged, LAB_01, 'models/spam/0.4.0/model.json'), 'yours');
      assert.equal(whoseLabFile(staged, LAB_01, 'src/registry.ts'), 'reference', 'an untouched starter: the reference is staged');
      assert.equal(whoseLabFile(staged, LAB_01, 'models/spam/1.0.0/model.json'), 'missing');
    });
  });
});
