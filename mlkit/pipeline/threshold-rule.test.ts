import assert from 'node:assert/strict';
import { thresholdForCost, thresholdForF1 } from '../metrics/threshold';
import { tinyLabels, tinyTexts } from './test-fixtures';
import { COURSE_COSTS, COURSE_THRESHOLD_RULE, COURSE_THRESHOLD_RULE_TEXT, courseThreshold, thresholdByRule } from './threshold-rule';
import { chooseThreshold, trainSpamClassifier } from './train';
import { trainAndEvaluate } from './evaluate';

// Scores where the F1-best and the cost-best (FP = 10) thresholds differ: one ham scores 0.9.
const y = [1, 1, 1, 0, 0, 0, 0, 1];
const s = [0.95, 0.8, 0.6, 0.9, 0.3, 0.2, 0.1, 0.97];

describe('threshold rule (mlkit/pipeline/threshold-rule)', () => {
  describe('thresholdByRule', () => {
    it('gives the toolkit F1-best threshold for {rule: "f1"} and the cheapest for {rule: "cost"}', () => {
      assert.deepEqual(thresholdByRule(y, s, { rule: 'f1' }), thresholdForF1(y, s));
      assert.deepEqual(thresholdByRule(y, s, { rule: 'cost', costFp: 10, costFn: 1 }), thresholdForCost(y, s, 10, 1));
      assert.notEqual(thresholdForF1(y, s).threshold, thresholdForCost(y, s, 10, 1).threshold, 'the fixture must tell the rules apart');
    });

    it('refuses labels and scores of different lengths, naming both', () => {
      assert.throws(() => thresholdByRule([1, 0], [0.5], { rule: 'f1' }), /2 labels but 1 scores/);
    });

    it('refuses an unknown rule, saying which rules exist', () => {
      const bad = { rule: 'accuracy' } as unknown as typeof COURSE_THRESHOLD_RULE;
      assert.throws(() => thresholdByRule(y, s, bad), /unknown threshold rule \{"rule":"accuracy"\}.*"f1".*"cost"/);
    });
  });

  describe("the course's rule", () => {
    it('is F1 on validation, as its text says, next to lesson 01 costs', () => {
      assert.deepEqual(COURSE_THRESHOLD_RULE, { rule: 'f1' });
      assert.equal(COURSE_THRESHOLD_RULE_TEXT, 'maximise F1 on validation');
      assert.deepEqual(COURSE_COSTS, { falsePositive: 10, falseNegative: 1 });
      assert.deepEqual(courseThreshold(y, s), thresholdForF1(y, s));
    });

    it('is what chooseThreshold and trainAndEvaluate use when given no rule', () => {
      const fitted = trainSpamClassifier(tinyTexts, tinyLabels);
      const expected = courseThreshold(tinyLabels, fitted.predictProba(tinyTexts)).threshold;
      assert.equal(chooseThreshold(fitted, tinyTexts, tinyLabels).threshold, expected);
      const rows = tinyTexts.map((text, i) => ({ text, label: tinyLabels[i] === 1 ? 'spam' : 'ham' }));
      const run = trainAndEvaluate({ train: rows, validation: rows, test: rows });
      assert.equal(run.classifier.threshold, courseThreshold(tinyLabels, run.classifier.predictProba(tinyTexts)).threshold);
    });
  });
});
