/**
 * Lab 02 runs the learner's own lab 01 route and model when their labs folder is graded: a lab 01
 * route that turns the validator's HttpError into a 500 costs points in lab 02, and a learner
 * with lab 01 done and a model exported gets full marks with a note saying it served theirs.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../grading/harness/repo-root';
import { gradeBatch } from '../../../grading/lib/batch';
import { resolveLab } from '../../../grading/lib/labs';
import { listSubmissions } from '../../../grading/lib/submissions';

const SOLUTIONS = path.join(REPO_ROOT, 'solutions');
const LAB_01 = 'lab-01-ship-the-model';
const ROUTE_CHECK = "POST /predict is lab 01's route with your validator";

/** A labs folder: lab 02's answer, and lab 01's answer with `app` as its app.ts and the reference model exported as 0.4.0. */
function labsFolder(dir: string, app: string): void {
  for (const id of ['lab-01', 'lab-02']) {
    const lab = resolveLab(SOLUTIONS, id);
    for (const f of lab.config.files) fs.cpSync(path.join(lab.dir, f), path.join(dir, lab.config.id, f));
  }
  fs.writeFileSync(path.join(dir, LAB_01, 'src', 'app.ts'), app);
  // What notebook 04's export cell writes: the checksum covers model.json, so a copy stays valid.
  const from = path.join(REPO_ROOT, 'models', 'spam', '1.0.0');
  const to = path.join(dir, LAB_01, 'models', 'spam', '0.4.0');
  fs.mkdirSync(to, { recursive: true });
  fs.copyFileSync(path.join(from, 'model.json'), path.join(to, 'model.json'));
  const metadata = JSON.parse(fs.readFileSync(path.join(from, 'metadata.json'), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(path.join(to, 'metadata.json'), JSON.stringify({ ...metadata, version: '0.4.0' }));
}

describe('lab 02 runs the learner’s own lab 01 route and model', function () {
  this.timeout(10 * 60_000);
  const lab = resolveLab(SOLUTIONS, 'lab-02');
  let work = '';
  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-lab02-route-'));
  });
  after(() => work && fs.rmSync(work, { recursive: true, force: true }));

  it('a lab 01 route that answers the validator’s errors with a 500 loses the route check; a right one gets full marks on their model', async () => {
    const reference = fs.readFileSync(path.join(SOLUTIONS, LAB_01, 'src', 'app.ts'), 'utf8');
    const parse = '  const request = parts.validator.parsePredict(req.body, parts.limits);\n';
    assert.ok(reference.includes(parse), "lab 01's handlePredict no longer has the line this test breaks: update the test");
    const swallowing = reference.replace(
      parse,
      '  let request: ReturnType<typeof parts.validator.parsePredict>;\n  try {\n    request = parts.validator.parsePredict(req.body, parts.limits);\n  } catch {\n    res.status(500).json({ error: { code: "internal", message: "failed" } });\n    return;\n  }\n',
    );
    labsFolder(path.join(work, 'in', 'swallows'), swallowing);
    labsFolder(path.join(work, 'in', 'correct'), reference);
    const { results } = await gradeBatch({
      lab,
      entries: listSubmissions(path.join(work, 'in')).entries,
      outDir: path.join(work, 'out'),
      jobs: 1,
      isolation: 'process',
    });
    const byId = new Map(results.map((r) => [r.extra_data.submission, r]));
    const swallows = byId.get('swallows')!;
    assert.equal(swallows.extra_data.status, 'graded');
    const route = swallows.tests.find((t) => t.name.startsWith(ROUTE_CHECK));
    assert.equal(route?.score, 0, `the route check: ${route?.output}`);
    assert.ok(swallows.score < lab.config.max_score);
    const correct = byId.get('correct')!;
    const failed = correct.tests.filter((t) => t.score < t.max_score).map((t) => `${t.name}: ${t.output}`);
    assert.equal(correct.score, lab.config.max_score, failed.join('\n'));
    const note = correct.tests.find((t) => t.name.startsWith(ROUTE_CHECK))?.output ?? '';
    assert.match(note, /ran your own lab 01 route .* serving your own model, models\/spam\/0\.4\.0 in your lab 01 folder/);
  });
});
