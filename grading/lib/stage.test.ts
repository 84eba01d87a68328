import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isRoot } from '../sandbox/isolation';
import { acquireSlot, type SlotLease } from '../sandbox/slots';
import { referenceLabs } from './builds-on';
import { learnerLabsOf, whoseLabFile } from './learner-labs';
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
    // Lab 02 mounts lab 01's route (app.ts), which imports the rest; app.test.ts is not imported.
    assert.deepEqual(staged, ['app.ts', 'model-store.ts', 'models-folder.ts', 'predict.ts', 'registry.ts', 'request.ts']);
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

  describe('a learner who finished lab 01, graded on lab 02', () => {
    const LAB01 = 'lab-01-ship-the-model';
    type ModelsFolder = { servedModelsDir(referenceDir: string, name: string): string };
    let learner = '';
    let staged = '';
    let ownStaged = '';
    before(() => {
      // Their labs folder beside the repository's shared folders, as in their clone: lab 02 as
      // generated, their own lab 01 (a changed predict.ts) and notebook 04's export in lab 01's models/.
      learner = path.join(work, 'clone');
      fs.mkdirSync(learner);
      for (const entry of ['mlkit', 'node_modules', 'server-template', 'datasets'])
        fs.symlinkSync(path.join(REPO_ROOT, entry), path.join(learner, entry), 'dir');
      fs.cpSync(path.join(REPO_ROOT, 'labs', lab02.config.id), path.join(learner, 'labs', lab02.config.id), { recursive: true });
      fs.cpSync(path.join(REPO_ROOT, 'solutions', LAB01, 'src'), path.join(learner, 'labs', LAB01, 'src'), { recursive: true });
      fs.appendFileSync(path.join(learner, 'labs', LAB01, 'src', 'predict.ts'), '\n// their own\n');
      const own = path.join(learner, 'labs', LAB01, 'models', 'spam', '0.4.0');
      fs.cpSync(path.join(REPO_ROOT, 'models', 'spam', '1.0.0'), own, { recursive: true });
      staged = stage({
        labId: lab02.config.id,
        source: path.join(learner, 'labs', lab02.config.id),
        workDir: work,
        isolation: 'process',
        slot: lease.slot,
        memoryMb: 256,
        name: 'stage-test-own-lab-01',
        earlier: referenceLabs(lab02.config),
      }).rootDir;
      // The same labs folder, with lab 02's learner_labs: their changed lab 01 files and their export.
      ownStaged = stage({
        labId: lab02.config.id,
        source: path.join(learner, 'labs', lab02.config.id),
        workDir: work,
        isolation: 'process',
        slot: lease.slot,
        memoryMb: 256,
        name: 'stage-test-own-lab-01-learner-labs',
        earlier: referenceLabs(lab02.config),
        learnerLabs: learnerLabsOf(lab02.config),
      }).rootDir;
    });

    it('serves their own exported model while they work in labs/ (lab 02 imports lab 01’s models-folder)', () => {
      const folder = require(path.join(learner, 'labs', LAB01, 'src', 'models-folder.ts')) as ModelsFolder;
      assert.equal(folder.servedModelsDir(path.join(REPO_ROOT, 'models'), 'spam'), path.join(learner, 'labs', LAB01, 'models'));
      const app = fs.readFileSync(path.join(learner, 'labs', lab02.config.id, 'src', 'app.ts'), 'utf8');
      assert.match(app, /servedModelsDir\(config\.modelsDir, config\.modelName\)/, 'lab 02 picks the folder lab 01 serves');
    });

    it('grades with lab 01’s reference answers and the course’s model when lab 02 names no learner_labs (builds_on alone)', () => {
      const src = path.join(staged, 'labs', LAB01, 'src');
      assert.equal(
        fs.readFileSync(path.join(src, 'predict.ts'), 'utf8'),
        fs.readFileSync(path.join(lab01, 'src', 'predict.ts'), 'utf8'),
        'the staged predict.ts is the reference one',
      );
      assert.equal(fs.existsSync(path.join(staged, 'labs', LAB01, 'models')), false, 'their export is not staged');
      const folder = require(path.join(src, 'models-folder.ts')) as ModelsFolder;
      assert.equal(folder.servedModelsDir(path.join(REPO_ROOT, 'models'), 'spam'), path.join(REPO_ROOT, 'models'));
    });

    it('grades with their own lab 01 files and their exported model with learner_labs, and says so', () => {
      const labs = path.join(ownStaged, 'labs');
      assert.match(fs.readFileSync(path.join(labs, LAB01, 'src', 'predict.ts'), 'utf8'), /\/\/ their own\n$/);
      assert.equal(whoseLabFile(labs, LAB01, 'src/predict.ts'), 'yours');
      assert.equal(whoseLabFile(labs, LAB01, 'models/spam/0.4.0/model.json'), 'yours');
      const folder = require(path.join(labs, LAB01, 'src', 'models-folder.ts')) as ModelsFolder;
      assert.equal(folder.servedModelsDir(path.join(REPO_ROOT, 'models'), 'spam'), path.join(labs, LAB01, 'models'));
    });
  });
});
