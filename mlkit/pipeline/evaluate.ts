/**
 * One full training run on labelled splits: fit on train, choose the threshold on validation,
 * score validation and test, and put a bootstrap interval on test F1 (with ~70 spam in the test
 * split, one message more or less moves F1 by about 0.01, so the interval matters).
 */
import { bootstrapCI, type ConfidenceInterval } from '../metrics/bootstrap';
import { applyThreshold, confusionMatrix, f1 } from '../metrics/confusion';
import { evaluateScores, type MetricsReport } from '../metrics/report';
import type { SpamClassifier } from './spam-classifier';
import { COURSE_THRESHOLD_RULE, type ThresholdRule } from './threshold-rule';
import { chooseThreshold, DEFAULT_SPAM_CONFIG, type SpamConfig, toBinaryLabels, trainSpamClassifier } from './train';

/** A labelled message, as in the dataset files (`text`, `label`). */
export interface LabelledText {
  readonly text: string;
  readonly label: string;
}

export interface TrainingRun {
  /** Trained classifier with the threshold chosen on validation. */
  readonly classifier: SpamClassifier;
  readonly validation: MetricsReport;
  readonly test: MetricsReport;
  /** Test F1 with a seeded percentile-bootstrap interval (1000 resamples). */
  readonly testF1: ConfidenceInterval;
  /** Seconds spent fitting (analysis, vectorizer and model). */
  readonly trainSeconds: number;
}

/** F1 of 0/1 labels against scores at a fixed threshold. */
export function f1AtThreshold(threshold: number): (y: ArrayLike<number>, scores: ArrayLike<number>) => number {
  return (y, scores) => f1(confusionMatrix(y, applyThreshold(scores, threshold)));
}

/**
 * Train and evaluate.
 * @param splits rows with `text` and `label` ('spam' | 'ham') for train, validation and test.
 * @param seed seed of the bootstrap resampling.
 */
export function trainAndEvaluate(
  splits: { readonly train: readonly LabelledText[]; readonly validation: readonly LabelledText[]; readonly test: readonly LabelledText[] },
  config: SpamConfig = DEFAULT_SPAM_CONFIG,
  rule: ThresholdRule = COURSE_THRESHOLD_RULE,
  seed = 42,
): TrainingRun {
  const texts = (rows: readonly LabelledText[]): string[] => rows.map((r) => r.text);
  const labels = (rows: readonly LabelledText[]): (0 | 1)[] => toBinaryLabels(rows.map((r) => r.label));
  const start = performance.now();
  const fitted = trainSpamClassifier(texts(splits.train), labels(splits.train), config);
  const trainSeconds = (performance.now() - start) / 1000;
  const classifier = chooseThreshold(fitted, texts(splits.validation), labels(splits.validation), rule);
  const score = (rows: readonly LabelledText[]): MetricsReport =>
    evaluateScores(labels(rows), classifier.predictProba(texts(rows)), classifier.threshold);
  const yTest = labels(splits.test);
  const testScores = classifier.predictProba(texts(splits.test));
  const testF1 = bootstrapCI(yTest, testScores, f1AtThreshold(classifier.threshold), { seed, resamples: 1000 });
  return { classifier, validation: score(splits.validation), test: score(splits.test), testF1, trainSeconds };
}
