/**
 * TF-IDF weighting on sparse rows, matching scikit-learn's `TfidfVectorizer` defaults:
 * smooth idf `ln((1 + n) / (1 + df)) + 1`, optional sublinear tf `1 + ln(count)`, and each
 * row scaled to unit L2 norm.
 */
import {
  countTerms,
  countTermStream,
  DEFAULT_VOCABULARY,
  selectTerms,
  type TermCounts,
  type Vocabulary,
  type VocabularyOptions,
  vocabularyFromTerms,
} from './vocabulary';
import { type CsrMatrix, csrFromRows, type SparseRow } from './sparse';

/** Weighting options (vocabulary limits included). */
export interface TfidfOptions extends VocabularyOptions {
  /** Use `1 + ln(count)` instead of the raw count (scikit-learn's `sublinear_tf`). */
  readonly sublinearTf: boolean;
}

export const DEFAULT_TFIDF: TfidfOptions = { ...DEFAULT_VOCABULARY, sublinearTf: false };

/** JSON form of a fitted {@link TfidfVectorizer}. */
export interface TfidfJSON {
  readonly kind: 'tfidf';
  readonly options: TfidfOptions;
  readonly terms: readonly string[];
  readonly idf: readonly number[];
}

/** Reusable buffers for {@link TfidfVectorizer.accumulate}, sized to the vocabulary. */
export interface TfidfScratch {
  /** Float64Array [nFeatures]; all zero between uses. */
  readonly counts: Float64Array;
  /** Int32Array [nFeatures]: the columns touched by the current document, in first-seen order. */
  readonly touched: Int32Array;
}

/** A fitted TF-IDF vectorizer over term lists (tokenize first, e.g. with `analyze`). */
export class TfidfVectorizer {
  readonly vocabulary: Vocabulary;
  /** Float64Array [nFeatures]: idf per column. */
  readonly idf: Float64Array;
  readonly options: TfidfOptions;

  constructor(vocabulary: Vocabulary, idf: Float64Array, options: TfidfOptions) {
    if (idf.length !== vocabulary.terms.length) throw new Error(`tfidf: ${idf.length} idf values for ${vocabulary.terms.length} terms`);
    this.vocabulary = vocabulary;
    this.idf = idf;
    this.options = options;
  }

  /**
   * Learn vocabulary and idf from documents.
   * @param docs one term list per document (at least one document).
   */
  static fit(docs: readonly (readonly string[])[], options: TfidfOptions = DEFAULT_TFIDF): TfidfVectorizer {
    return TfidfVectorizer.fitTransform(docs, options).vectorizer;
  }

  /**
   * Fit, and transform the same documents without looking their terms up again.
   * @returns the vectorizer and the matrix [docs.length, nFeatures].
   */
  static fitTransform(
    docs: readonly (readonly string[])[],
    options: TfidfOptions = DEFAULT_TFIDF,
  ): { vectorizer: TfidfVectorizer; matrix: CsrMatrix } {
    if (docs.length === 0) throw new Error('tfidf: cannot fit on zero documents');
    return TfidfVectorizer.fromCounts(countTerms(docs), options);
  }

  /**
   * {@link fitTransform} on documents given as term streams (no arrays of strings built).
   * @param forEachTermOf calls `emit` once per term of document `d`, for d in 0..nDocs-1.
   */
  static fitTransformStream(
    nDocs: number,
    forEachTermOf: (d: number, emit: (term: string) => void) => void,
    options: TfidfOptions = DEFAULT_TFIDF,
  ): { vectorizer: TfidfVectorizer; matrix: CsrMatrix } {
    if (nDocs === 0) throw new Error('tfidf: cannot fit on zero documents');
    return TfidfVectorizer.fromCounts(countTermStream(nDocs, forEachTermOf), options);
  }

  private static fromCounts(counts: TermCounts, options: TfidfOptions): { vectorizer: TfidfVectorizer; matrix: CsrMatrix } {
    const docs = counts.docs;
    const kept = selectTerms(counts, options);
    const column = new Int32Array(counts.terms.length).fill(-1);
    kept.forEach((id, j) => (column[id] = j));
    const n = docs.length;
    const idf = Float64Array.from(kept, (id) => Math.log((1 + n) / (1 + counts.df[id])) + 1);
    const vectorizer = new TfidfVectorizer(vocabularyFromTerms(kept.map((id) => counts.terms[id])), idf, options);
    const scratch = vectorizer.newScratch();
    const rows = counts.docs.map((ids) => {
      let nTouched = 0;
      for (let k = 0; k < ids.length; k++) {
        const j = column[ids[k]];
        if (j < 0) continue;
        if (scratch.counts[j] === 0) scratch.touched[nTouched++] = j;
        scratch.counts[j]++;
      }
      return vectorizer.finishRow(scratch, nTouched);
    });
    return { vectorizer, matrix: csrFromRows(rows, vectorizer.nFeatures) };
  }

  get nFeatures(): number {
    return this.idf.length;
  }

  newScratch(): TfidfScratch {
    return { counts: new Float64Array(this.nFeatures), touched: new Int32Array(this.nFeatures) };
  }

  /** Count one term into `scratch`; returns the new number of touched columns. Unknown terms are ignored. */
  accumulate(term: string, scratch: TfidfScratch, nTouched: number): number {
    const j = this.vocabulary.index.get(term);
    if (j === undefined) return nTouched;
    if (scratch.counts[j] === 0) scratch.touched[nTouched++] = j;
    scratch.counts[j]++;
    return nTouched;
  }

  /**
   * Turn the counts in `scratch` into tf-idf weights in place and return the row's L2 norm
   * (the weights are NOT yet divided by it; 0 for an empty row).
   */
  weigh(scratch: TfidfScratch, nTouched: number): number {
    let sq = 0;
    for (let k = 0; k < nTouched; k++) {
      const j = scratch.touched[k];
      const c = scratch.counts[j];
      const w = (this.options.sublinearTf ? 1 + Math.log(c) : c) * this.idf[j];
      scratch.counts[j] = w;
      sq += w * w;
    }
    return Math.sqrt(sq);
  }

  /** One document → its L2-normalised tf-idf row (`indices` increasing). */
  transformOne(doc: readonly string[], scratch: TfidfScratch = this.newScratch()): SparseRow {
    let n = 0;
    for (const t of doc) n = this.accumulate(t, scratch, n);
    return this.finishRow(scratch, n);
  }

  /** Weigh and normalise the counts in `scratch` into a new row, and clear `scratch`. */
  finishRow(scratch: TfidfScratch, n: number): SparseRow {
    const norm = this.weigh(scratch, n);
    const indices = scratch.touched.slice(0, n).sort();
    const values = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const j = indices[k];
      values[k] = norm > 0 ? scratch.counts[j] / norm : 0;
      scratch.counts[j] = 0;
    }
    return { indices, values };
  }

  /** Documents → CSR matrix [docs.length, nFeatures]. */
  transform(docs: readonly (readonly string[])[]): CsrMatrix {
    const scratch = this.newScratch();
    return csrFromRows(
      docs.map((d) => this.transformOne(d, scratch)),
      this.nFeatures,
    );
  }

  toJSON(): TfidfJSON {
    return { kind: 'tfidf', options: this.options, terms: this.vocabulary.terms, idf: Array.from(this.idf) };
  }

  /** Rebuild from {@link toJSON} output; throws naming what is malformed. */
  static fromJSON(json: unknown): TfidfVectorizer {
    const j = json as Partial<TfidfJSON> | null;
    if (j === null || typeof j !== 'object' || j.kind !== 'tfidf') throw new TypeError('tfidf JSON: expected an object with kind "tfidf"');
    if (!Array.isArray(j.terms) || !j.terms.every((t) => typeof t === 'string'))
      throw new TypeError('tfidf JSON: "terms" must be an array of strings');
    if (!Array.isArray(j.idf) || !j.idf.every((v) => typeof v === 'number' && Number.isFinite(v)))
      throw new TypeError('tfidf JSON: "idf" must be an array of finite numbers');
    const o = j.options as Partial<TfidfOptions> | undefined;
    if (o === undefined || typeof o.sublinearTf !== 'boolean') throw new TypeError('tfidf JSON: "options.sublinearTf" must be a boolean');
    const options: TfidfOptions = {
      minDf: Number(o.minDf),
      maxDf: Number(o.maxDf),
      maxFeatures: o.maxFeatures ?? null,
      sublinearTf: o.sublinearTf,
    };
    return new TfidfVectorizer(vocabularyFromTerms(j.terms), Float64Array.from(j.idf), options);
  }
}
