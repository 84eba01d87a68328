import assert from 'node:assert/strict';
import { SpamClassifier } from './spam-classifier';
import { chooseThreshold, toBinaryLabels, trainSpamClassifier } from './train';
import { tinyLabels, tinyTexts } from './test-fixtures';
import { analyze } from '../text/analyzer';
import { LogisticRegression, sigmoid } from '../models/logistic';

const config = {
  analyzer: { bigrams: true, subject: true },
  tfidf: { minDf: 1, maxDf: 1, maxFeatures: null, sublinearTf: true },
  model: { kind: 'logistic', C: 10, classWeight: 'balanced' },
} as const;

describe('SpamClassifier', () => {
  const clf = trainSpamClassifier(tinyTexts, tinyLabels, config);
  it('scores one text the same way as the vectorizer and model do on a row', () => {
    const text = 'free cash for the project meeting!!!';
    const row = clf.vectorizer.transformOne(analyze(text, clf.analyzer));
    const viaRow = (clf.model as { predictProbaRow(r: typeof row): number }).predictProbaRow(row);
    assert.ok(Math.abs(clf.predictProba([text])[0] - viaRow) < 1e-12);
  });
  it('separates the training texts', () => {
    clf.predictProba(tinyTexts).forEach((p, i) => assert.equal(p >= 0.5 ? 1 : 0, tinyLabels[i], `text ${i}: ${p}`));
  });
  it('labels with its threshold', () => {
    assert.equal(clf.withThreshold(0).predict('anything').label, 'spam');
    assert.equal(clf.withThreshold(1).predict('lunch on monday').label, 'ham');
  });
  it('gives identical probabilities after a JSON round trip, including the threshold', () => {
    const back = SpamClassifier.fromJSON(JSON.parse(JSON.stringify(clf.withThreshold(0.3))));
    assert.equal(back.threshold, 0.3);
    assert.deepEqual(back.predictProba(tinyTexts), clf.predictProba(tinyTexts));
  });
  it('gives P = sigmoid(bias) for a text with no known words', () => {
    const model = clf.model;
    assert.ok(model instanceof LogisticRegression);
    assert.deepEqual(clf.predictProba(['zzzz qqqq', '']), [sigmoid(model.bias), sigmoid(model.bias)]);
  });
  it('chooses the threshold half way between the lowest spam and the highest ham score when they separate', () => {
    const scores = clf.predictProba(tinyTexts);
    const lowestSpam = Math.min(...scores.filter((_, i) => tinyLabels[i] === 1));
    const highestHam = Math.max(...scores.filter((_, i) => tinyLabels[i] === 0));
    assert.ok(highestHam < lowestSpam, `scores ${scores}`);
    assert.equal(chooseThreshold(clf, tinyTexts, tinyLabels).threshold, (lowestSpam + highestHam) / 2);
  });
  it('also works with naive Bayes', () => {
    const nb = trainSpamClassifier(tinyTexts, tinyLabels, { ...config, model: { kind: 'naive-bayes', alpha: 1 } });
    assert.ok(nb.predictProba(['free cash now'])[0] > 0.5);
    assert.deepEqual(SpamClassifier.fromJSON(JSON.parse(JSON.stringify(nb))).predictProba(tinyTexts), nb.predictProba(tinyTexts));
  });
  it('rejects a non-string text and malformed JSON with a clear message', () => {
    assert.throws(() => clf.predictProba([42 as unknown as string]), /text must be a string/);
    assert.throws(() => SpamClassifier.fromJSON({ format: 'other' }), /mlkit-spam-classifier/);
  });
  it('rejects labels other than spam/ham naming the row', () => {
    assert.throws(() => toBinaryLabels(['spam', 'junk']), /label\[1\]/);
  });
});
