import assert from 'node:assert/strict';
import { buildVocabulary, compareTerms } from './vocabulary';

const docs = [
  ['b', 'a', 'a'],
  ['a', 'c'],
  ['c', 'd'],
  ['a', 'e'],
];

describe('buildVocabulary', () => {
  it('numbers terms in sorted order', () => {
    assert.deepEqual(buildVocabulary(docs).terms, ['a', 'b', 'c', 'd', 'e']);
  });
  it('drops terms in fewer than minDf documents', () => {
    assert.deepEqual(buildVocabulary(docs, { minDf: 2, maxDf: 1, maxFeatures: null }).terms, ['a', 'c']);
  });
  it('drops terms in more than maxDf of the documents', () => {
    assert.deepEqual(buildVocabulary(docs, { minDf: 1, maxDf: 0.5, maxFeatures: null }).terms, ['b', 'c', 'd', 'e']);
  });
  it('keeps the most frequent terms and breaks ties by the term', () => {
    // counts: a 4, c 2, then b, d, e with 1 each: the tie goes to "b".
    assert.deepEqual(buildVocabulary(docs, { minDf: 1, maxDf: 1, maxFeatures: 3 }).terms, ['a', 'b', 'c']);
  });
  it('explains when every term is filtered out', () => {
    assert.throws(() => buildVocabulary(docs, { minDf: 5, maxDf: 1, maxFeatures: null }), /no term/);
  });
  it('rejects a fractional minDf', () => {
    assert.throws(() => buildVocabulary(docs, { minDf: 0.5, maxDf: 1, maxFeatures: null }), /minDf/);
  });
});

describe('compareTerms', () => {
  it('orders by code point like Python (astral characters after the BMP)', () => {
    assert.deepEqual(['\uffee', '😀', 'z', 'Z'].sort(compareTerms), ['Z', 'z', '\uffee', '😀']);
  });
});
