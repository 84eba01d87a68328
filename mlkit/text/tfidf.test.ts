import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TfidfOptions, TfidfVectorizer } from './tfidf';
import { csrToDense } from './sparse';

interface Case {
  params: { sublinear_tf: boolean; min_df: number; max_df: number; max_features: number | null };
  vocabulary: string[];
  idf: number[];
  matrix: number[][];
}
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sklearn-tfidf.json'), 'utf8')) as {
  docs: string[][];
  cases: Case[];
};

describe('TfidfVectorizer', () => {
  describe('against scikit-learn TfidfVectorizer (fixtures/sklearn-tfidf.json)', () => {
    it('has documents and cases to compare (an empty fixture would compare nothing)', () => {
      assert.ok(fixture.docs.length > 0 && fixture.cases.length > 0, `${fixture.docs.length} docs, ${fixture.cases.length} cases`);
    });
    for (const c of fixture.cases) {
      const options: TfidfOptions = {
        sublinearTf: c.params.sublinear_tf,
        minDf: c.params.min_df,
        maxDf: c.params.max_df,
        maxFeatures: c.params.max_features,
      };
      it(`matches to 1e-9 with ${JSON.stringify(c.params)}`, () => {
        const vec = TfidfVectorizer.fit(fixture.docs, options);
        assert.deepEqual(vec.vocabulary.terms, c.vocabulary);
        vec.idf.forEach((v, j) => assert.ok(Math.abs(v - c.idf[j]) < 1e-9, `idf[${j}]`));
        const dense = csrToDense(vec.transform(fixture.docs));
        assert.deepEqual([dense.length, dense[0]?.length], [c.matrix.length, c.matrix[0]?.length], 'matrix shape');
        dense.forEach((row, i) =>
          row.forEach((v, j) => assert.ok(Math.abs(v - c.matrix[i][j]) < 1e-9, `x[${i}][${j}] = ${v}, sklearn ${c.matrix[i][j]}`)),
        );
      });
    }
  });
  it('ignores unknown terms and gives an all-zero row for a document without known terms', () => {
    const vec = TfidfVectorizer.fit([['a', 'b'], ['b']]);
    assert.equal(vec.transformOne(['zzz']).indices.length, 0);
  });
  it('gives rows with increasing indices and unit L2 norm', () => {
    const row = TfidfVectorizer.fit([['c', 'a', 'b'], ['a']]).transformOne(['c', 'a', 'b', 'c']);
    assert.deepEqual(Array.from(row.indices), [0, 1, 2]);
    assert.ok(Math.abs(row.values.reduce((s, v) => s + v * v, 0) - 1) < 1e-12);
  });
  it('round-trips through JSON with identical output', () => {
    const vec = TfidfVectorizer.fit(fixture.docs, { minDf: 1, maxDf: 1, maxFeatures: null, sublinearTf: true });
    const back = TfidfVectorizer.fromJSON(JSON.parse(JSON.stringify(vec.toJSON())));
    assert.deepEqual(csrToDense(back.transform(fixture.docs)), csrToDense(vec.transform(fixture.docs)));
  });
  it('rejects malformed JSON naming the field', () => {
    assert.throws(() => TfidfVectorizer.fromJSON({ kind: 'tfidf', terms: ['a'], idf: ['x'] }), /idf/);
  });
});
