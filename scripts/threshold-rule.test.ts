/**
 * One threshold rule across the course: `npm run train` (and the committed model it made),
 * notebook 04's export, lab 01 (which serves the threshold an artifact carries) and lab 05's
 * retrain all take their threshold from `courseThreshold` (mlkit/pipeline/threshold-rule.ts).
 * Each check fails when one of them chooses its threshold another way.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureDatasets, readSpamSplit } from '../datasets/read';
import { loadArtifact } from '../mlkit/artifact';
import { COURSE_THRESHOLD_RULE_TEXT, courseThreshold } from '../mlkit/pipeline/threshold-rule';
import { toBinaryLabels } from '../mlkit/pipeline/train';
import { parseNotebookSource } from '../notebook-tools/notebook-source';
import { retrain, retrainRows } from '../solutions/lab-05-version-and-retrain/src/retrain';

const ROOT = path.join(__dirname, '..');
const COMMITTED = path.join(ROOT, 'models', 'spam', '1.0.0');
const read = (rel: string): string => readFileSync(path.join(ROOT, rel), 'utf8');

describe('one threshold rule across the course (mlkit/pipeline/threshold-rule)', function () {
  this.timeout(300_000);
  before(() => ensureDatasets());

  it("the committed models/spam/1.0.0 carries the course rule's threshold on the validation split (recomputed) and names the rule", () => {
    const artifact = loadArtifact(COMMITTED);
    const validation = readSpamSplit('validation');
    const expected = courseThreshold(
      toBinaryLabels(validation.map((r) => r.label)),
      artifact.predictProba(validation.map((r) => r.text)),
    ).threshold;
    assert.equal(artifact.threshold, expected, 'models/spam/1.0.0 threshold: rerun npm run train');
    assert.equal(artifact.metadata['threshold_rule'], COURSE_THRESHOLD_RULE_TEXT);
  });

  it('npm run train passes the course rule to the training run and records its text', () => {
    const train = read('scripts/train.ts');
    assert.match(train, /trainAndEvaluate\(splits, DEFAULT_SPAM_CONFIG, COURSE_THRESHOLD_RULE\)/);
    assert.match(train, /threshold_rule: COURSE_THRESHOLD_RULE_TEXT/);
  });

  it("notebook 04 exports its model at courseThreshold's threshold on validation, and names the rule", () => {
    const cells = parseNotebookSource(read('notebooks/src/04-evaluation.md'), '04-evaluation.md').filter((c) => c.cell_type === 'code');
    const defining = cells.filter((c) => /const course = courseThreshold\(yValidation, sValidation\);/.test(c.text));
    assert.equal(defining.length, 1, 'one cell sets `course` from courseThreshold on the validation scores');
    const exporting = cells.filter((c) => c.text.includes('saveArtifact('));
    assert.equal(exporting.length, 1, 'one export cell');
    const exportCell = exporting[0]?.text ?? '';
    assert.match(exportCell, /const courseClassifier = classifier\.withThreshold\(course\.threshold\);/);
    assert.match(exportCell, /saveArtifact\(modelsRoot, 'spam', '0\.4\.0', courseClassifier,/);
    assert.match(exportCell, /threshold_rule: COURSE_THRESHOLD_RULE_TEXT/);
    for (const c of cells)
      assert.doesNotMatch(c.text, /withThreshold\((?!course\.threshold\))/, 'no model of the lesson gets another threshold');
  });

  it("lab 01's parity fixture was made from the committed model's threshold, which its service applies", () => {
    const parity = JSON.parse(read('solutions/lab-01-ship-the-model/grader/fixtures/parity.json')) as { model: { threshold: number } };
    assert.equal(parity.model.threshold, loadArtifact(COMMITTED).threshold);
    assert.match(read('solutions/lab-01-ship-the-model/src/predict.ts'), /toPrediction\(p, model\.threshold\)/);
  });

  it("lab 05's retrain saves the course rule's threshold on its tune rows and names the rule", () => {
    const modelsDir = mkdtempSync(path.join(tmpdir(), 'threshold-rule-'));
    try {
      const saved = loadArtifact(retrain({ version: '9.9.9', modelsDir }));
      const tune = retrainRows().tune;
      const expected = courseThreshold(toBinaryLabels(tune.map((r) => r.label)), saved.predictProba(tune.map((r) => r.text))).threshold;
      assert.equal(saved.threshold, expected);
      assert.equal(saved.metadata['threshold_rule'], COURSE_THRESHOLD_RULE_TEXT);
    } finally {
      rmSync(modelsDir, { recursive: true, force: true });
    }
  });
});
