/**
 * SpamClassifier: the whole model in one object — analyzer + TF-IDF vectorizer + linear model
 * + decision threshold. Notebooks, the artifact and the service all score through this class,
 * so the same text gets the same probability everywhere.
 */
import { type AnalyzerOptions, checkAnalyzerOptions, forEachTerm } from '../text/analyzer';
import { type TfidfScratch, TfidfVectorizer } from '../text/tfidf';
import { LogisticRegression, sigmoid } from '../models/logistic';
import { MultinomialNB } from '../models/naive-bayes';

export type SpamModel = LogisticRegression | MultinomialNB;
export type SpamLabel = 'spam' | 'ham';

export interface SpamPrediction {
  readonly label: SpamLabel;
  /** P(spam), in [0, 1]. */
  readonly probability: number;
}

export interface SpamClassifierJSON {
  readonly format: 'mlkit-spam-classifier';
  readonly formatVersion: 1;
  readonly analyzer: AnalyzerOptions;
  readonly threshold: number;
  readonly vectorizer: unknown;
  readonly model: unknown;
}

export class SpamClassifier {
  readonly analyzer: AnalyzerOptions;
  readonly vectorizer: TfidfVectorizer;
  readonly model: SpamModel;
  /** Flag as spam when P(spam) >= threshold. */
  readonly threshold: number;
  // Both models are linear in the tf-idf row: P(spam) = σ(intercept + coef · row).
  private readonly coef: Float64Array;
  private readonly intercept: number;
  // Scoring one text reuses these buffers instead of allocating a row.
  private readonly scratch: TfidfScratch;
  private nTouched = 0;
  private readonly emit: (term: string) => void;

  constructor(analyzer: AnalyzerOptions, vectorizer: TfidfVectorizer, model: SpamModel, threshold = 0.5) {
    if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`threshold must be in [0, 1], got ${threshold}`);
    this.analyzer = analyzer;
    this.vectorizer = vectorizer;
    this.model = model;
    this.threshold = threshold;
    if (model instanceof LogisticRegression) {
      this.coef = model.weights;
      this.intercept = model.bias;
    } else {
      const [f0, f1] = model.featureLogProb;
      this.coef = f1.map((v, j) => v - f0[j]);
      this.intercept = model.classLogPrior[1] - model.classLogPrior[0];
    }
    if (this.coef.length !== vectorizer.nFeatures)
      throw new Error(`model has ${this.coef.length} weights but the vectorizer ${vectorizer.nFeatures} features`);
    this.scratch = vectorizer.newScratch();
    this.emit = (term) => {
      this.nTouched = this.vectorizer.accumulate(term, this.scratch, this.nTouched);
    };
  }

  /** The same classifier with another threshold (the model is shared, not copied). */
  withThreshold(threshold: number): SpamClassifier {
    return new SpamClassifier(this.analyzer, this.vectorizer, this.model, threshold);
  }

  /** P(spam) for one text. Allocation-light: this is the service's hot path. */
  probability(text: string): number {
    if (typeof text !== 'string') throw new TypeError(`text must be a string, got ${typeof text}`);
    this.nTouched = 0;
    forEachTerm(text, this.analyzer, this.emit);
    const { counts, touched } = this.scratch;
    const norm = this.vectorizer.weigh(this.scratch, this.nTouched);
    let dot = 0;
    for (let k = 0; k < this.nTouched; k++) {
      const j = touched[k];
      dot += counts[j] * this.coef[j];
      counts[j] = 0;
    }
    return sigmoid(this.intercept + (norm > 0 ? dot / norm : 0));
  }

  /**
   * P(spam) per text.
   * @param texts `subject + "\n\n" + body` strings, length n.
   * @returns number[n], each in [0, 1].
   */
  predictProba(texts: readonly string[]): number[] {
    if (!Array.isArray(texts)) throw new TypeError('predictProba expects an array of strings');
    return texts.map((t) => this.probability(t));
  }

  /** Label and probability for one text, using {@link threshold}. */
  predict(text: string): SpamPrediction {
    const probability = this.probability(text);
    return { label: probability >= this.threshold ? 'spam' : 'ham', probability };
  }

  toJSON(): SpamClassifierJSON {
    return {
      format: 'mlkit-spam-classifier',
      formatVersion: 1,
      analyzer: this.analyzer,
      threshold: this.threshold,
      vectorizer: this.vectorizer.toJSON(),
      model: this.model.toJSON(),
    };
  }

  /** Rebuild from {@link toJSON} output; throws naming what is malformed. */
  static fromJSON(json: unknown): SpamClassifier {
    const j = json as Partial<SpamClassifierJSON> | null;
    if (j === null || typeof j !== 'object' || j.format !== 'mlkit-spam-classifier')
      throw new TypeError('classifier JSON: expected format "mlkit-spam-classifier"');
    if (j.formatVersion !== 1)
      throw new TypeError(`classifier JSON: unsupported formatVersion ${String(j.formatVersion)} (this code reads 1)`);
    if (typeof j.threshold !== 'number') throw new TypeError('classifier JSON: "threshold" must be a number');
    const kind = (j.model as { kind?: unknown } | null)?.kind;
    const model =
      kind === 'logistic' ? LogisticRegression.fromJSON(j.model) : kind === 'naive-bayes' ? MultinomialNB.fromJSON(j.model) : null;
    if (model === null) throw new TypeError(`classifier JSON: unknown model kind ${JSON.stringify(kind)}`);
    return new SpamClassifier(checkAnalyzerOptions(j.analyzer), TfidfVectorizer.fromJSON(j.vectorizer), model, j.threshold);
  }
}
