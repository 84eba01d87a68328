/**
 * Lab 03's image is the learner's own service: handed in as their labs folder, their lab 02
 * replaces the reference answer in the build, so a bug there shows in their container. One
 * image build per submission (cached layers are shared), so this takes a few minutes.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dockerUnavailable } from '../../../grading/harness/docker';
import { REPO_ROOT } from '../../../grading/harness/repo-root';
import { gradeBatch } from '../../../grading/lib/batch';
import { resolveLab } from '../../../grading/lib/labs';
import { listSubmissions } from '../../../grading/lib/submissions';
import { requireSystem } from '../../../scripts/test-support/require-system';

const LAB_02 = 'lab-02-harden-the-api';
const IN_IMAGE = 'your service is in the image';

/** A labs folder holding lab 03's answer and `validate` as the learner's lab 02 validator. */
function labsFolder(dir: string, validate: string): void {
  const lab03 = resolveLab(path.join(REPO_ROOT, 'solutions'), 'lab-03');
  for (const f of lab03.config.files) fs.cpSync(path.join(lab03.dir, f), path.join(dir, lab03.config.id, f));
  fs.mkdirSync(path.join(dir, LAB_02, 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, LAB_02, 'src', 'validate.ts'), validate);
}

describe('lab 03 grades the image of the learner’s own labs', function () {
  this.timeout(30 * 60_000);
  const lab = resolveLab(path.join(REPO_ROOT, 'solutions'), 'lab-03');
  let work = '';
  before(async function () {
    await requireSystem(this, {
      name: 'Docker',
      install: 'sudo apt-get install docker.io, start the engine, then bash deploy/base-image.sh',
      missing: dockerUnavailable,
    });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-lab03-own-'));
  });
  after(() => work && fs.rmSync(work, { recursive: true, force: true }));

  it('a lab 02 validator that lets a number through as text loses the in-image check; their correct one gets full marks', async () => {
    const reference = fs.readFileSync(path.join(REPO_ROOT, 'solutions', LAB_02, 'src', 'validate.ts'), 'utf8');
    // Not a string → no problem: it still compiles, and a number reaches the model.
    const typeGuard = /^(\s*if \(typeof value !== 'string'\) return ).*$/m;
    assert.match(reference, typeGuard, "lab 02's checkText no longer has the line this test breaks: update the test");
    labsFolder(path.join(work, 'in', 'broken'), reference.replace(typeGuard, '$1[];'));
    // Their own file (it differs from the starter, so it is staged), as the reference wrote it:
    // the image then matches the reference one, and its layers come from the build cache.
    labsFolder(path.join(work, 'in', 'correct'), reference);
    const { results } = await gradeBatch({
      lab,
      entries: listSubmissions(path.join(work, 'in')).entries,
      outDir: path.join(work, 'out'),
      jobs: 1,
      isolation: 'process',
    });
    const byId = new Map(results.map((r) => [r.extra_data.submission, r]));
    const broken = byId.get('broken')!;
    const failed = broken.tests.filter((t) => t.score < t.max_score).map((t) => t.name);
    assert.equal(broken.extra_data.status, 'graded');
    assert.deepEqual(failed.length === 1 && failed[0]?.startsWith(IN_IMAGE), true, `failed: ${failed.join(' | ')}`);
    const correct = byId.get('correct')!;
    assert.equal(
      correct.score,
      lab.config.max_score,
      correct.tests
        .filter((t) => t.score < t.max_score)
        .map((t) => `${t.name}: ${t.output}`)
        .join('\n'),
    );
  });
});
