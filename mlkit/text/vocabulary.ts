/**
 * Vocabulary: which terms become columns, and in which order.
 *
 * Same rules as scikit-learn's `CountVectorizer`: drop terms in fewer than `minDf` documents
 * or in more than `maxDf` of them, keep the `maxFeatures` most frequent, then number the
 * survivors in sorted order. Ties at the `maxFeatures` cut are broken by the term itself
 * (scikit-learn leaves that order unspecified), so the vocabulary is deterministic.
 */

/** Limits on which terms are kept. */
export interface VocabularyOptions {
  /** Keep terms that occur in at least this many documents (an integer ≥ 1). */
  readonly minDf: number;
  /** Keep terms that occur in at most this share of documents, in (0, 1]. */
  readonly maxDf: number;
  /** Keep at most this many terms, the most frequent over the whole corpus; `null` for no limit. */
  readonly maxFeatures: number | null;
}

export const DEFAULT_VOCABULARY: VocabularyOptions = { minDf: 1, maxDf: 1, maxFeatures: null };

/** The kept terms, sorted; `index.get(term)` is the term's column. */
export interface Vocabulary {
  readonly terms: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

/** A vocabulary from terms in column order (e.g. read back from JSON). */
export function vocabularyFromTerms(terms: readonly string[]): Vocabulary {
  const index = new Map<string, number>();
  terms.forEach((t, i) => {
    if (index.has(t)) throw new Error(`vocabulary: term "${t}" appears twice`);
    index.set(t, i);
  });
  return { terms: terms.slice(), index };
}

/** Check options; throws a RangeError naming the bad field. */
export function checkVocabularyOptions(o: VocabularyOptions): VocabularyOptions {
  if (!Number.isInteger(o.minDf) || o.minDf < 1) throw new RangeError(`minDf must be an integer ≥ 1 (a document count), got ${o.minDf}`);
  if (!(o.maxDf > 0 && o.maxDf <= 1)) throw new RangeError(`maxDf must be a share of documents in (0, 1], got ${o.maxDf}`);
  if (o.maxFeatures !== null && (!Number.isInteger(o.maxFeatures) || o.maxFeatures < 1)) {
    throw new RangeError(`maxFeatures must be a positive integer or null, got ${o.maxFeatures}`);
  }
  return o;
}

/** Every distinct term of a corpus with its counts; `docs` re-spelled as term ids. */
export interface TermCounts {
  /** Distinct terms in first-seen order; a term's id is its position. */
  readonly terms: string[];
  /** Occurrences of each term over the corpus. */
  readonly tf: number[];
  /** Number of documents containing each term. */
  readonly df: number[];
  /** Per document, its terms as ids (Int32Array [document length]). */
  readonly docs: Int32Array[];
}

/** Count terms in one pass (each string is hashed once per occurrence). */
export function countTerms(docs: readonly (readonly string[])[]): TermCounts {
  return countTermStream(docs.length, (d, emit) => (docs[d] as readonly string[]).forEach(emit));
}

/**
 * Like {@link countTerms}, but documents arrive as a stream of terms, so no per-document
 * array of strings is ever built (training on raw texts allocates far less).
 * @param nDocs number of documents.
 * @param forEachTermOf calls `emit` once per term of document `d`.
 */
export function countTermStream(nDocs: number, forEachTermOf: (d: number, emit: (term: string) => void) => void): TermCounts {
  const ids = new Map<string, number>();
  const terms: string[] = [],
    tf: number[] = [],
    df: number[] = [],
    lastDoc: number[] = [];
  let buffer = new Int32Array(1024);
  let length = 0;
  let d = 0;
  const emit = (t: string): void => {
    let id = ids.get(t);
    if (id === undefined) {
      id = terms.length;
      ids.set(t, id);
      terms.push(t);
      tf.push(0);
      df.push(0);
      lastDoc.push(-1);
    }
    tf[id]++;
    if (lastDoc[id] !== d) {
      lastDoc[id] = d;
      df[id]++;
    }
    if (length === buffer.length) {
      const grown = new Int32Array(buffer.length * 2);
      grown.set(buffer);
      buffer = grown;
    }
    buffer[length++] = id;
  };
  const docs: Int32Array[] = [];
  for (d = 0; d < nDocs; d++) {
    const start = length;
    forEachTermOf(d, emit);
    docs.push(buffer.subarray(start, length));
  }
  // Views made before the buffer last grew would keep the old buffers alive; re-slice them.
  let offset = 0;
  const fixed = docs.map((doc) => buffer.subarray(offset, (offset += doc.length)));
  return { terms, tf, df, docs: fixed };
}

/**
 * Apply the vocabulary limits to counted terms.
 * @returns ids (into `counts.terms`) of the kept terms, in sorted term order.
 * @throws when no term survives the limits.
 */
export function selectTerms(counts: TermCounts, options: VocabularyOptions): number[] {
  checkVocabularyOptions(options);
  const { terms, tf, df } = counts;
  const maxCount = options.maxDf * counts.docs.length;
  let kept: number[] = [];
  for (let id = 0; id < terms.length; id++) if (df[id] >= options.minDf && df[id] <= maxCount) kept.push(id);
  if (kept.length === 0)
    throw new Error(`vocabulary: no term is in ≥ ${options.minDf} and ≤ ${maxCount} documents of ${counts.docs.length}`);
  const byTerm = (a: number, b: number): number => compareTerms(terms[a], terms[b]);
  if (options.maxFeatures !== null && kept.length > options.maxFeatures) {
    kept.sort((a, b) => tf[b] - tf[a] || byTerm(a, b));
    kept = kept.slice(0, options.maxFeatures);
  }
  return kept.sort(byTerm);
}

/**
 * Learn a vocabulary from tokenized documents.
 * @param docs one term list per document.
 * @throws when no term survives the limits.
 */
export function buildVocabulary(docs: readonly (readonly string[])[], options: VocabularyOptions = DEFAULT_VOCABULARY): Vocabulary {
  const counts = countTerms(docs);
  return vocabularyFromTerms(selectTerms(counts, options).map((id) => counts.terms[id]));
}

/** Code-point order, the order Python's `sorted` gives (and so scikit-learn's columns). */
export function compareTerms(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) return codePointRank(ca) - codePointRank(cb);
  }
  return a.length - b.length;
}

// UTF-16 code units sort surrogates (astral characters) below U+E000–U+FFFF; code points
// sort them above. Shifting the two ranges fixes the order without decoding.
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
