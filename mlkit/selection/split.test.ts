import assert from 'node:assert/strict';
import { stratifiedKFold, trainTestSplit } from './split';

const labels = Array.from({ length: 40 }, (_, i) => (i < 10 ? 1 : 0));

describe('trainTestSplit', () => {
  it('partitions the rows with the requested share', () => {
    const { train, test } = trainTestSplit(40, 0.25, 1);
    assert.equal(test.length, 10);
    assert.deepEqual(
      [...train, ...test].sort((a, b) => a - b),
      Array.from({ length: 40 }, (_, i) => i),
    );
  });
  it('is reproducible for a seed and differs across seeds', () => {
    assert.deepEqual(trainTestSplit(40, 0.25, 1), trainTestSplit(40, 0.25, 1));
    assert.notDeepEqual(trainTestSplit(40, 0.25, 1).test, trainTestSplit(40, 0.25, 2).test);
  });
  it('keeps class proportions when stratified (10 of 40 positive → 2 of 8 in test)', () => {
    const { test } = trainTestSplit(40, 0.2, 3, labels);
    assert.equal(test.filter((i) => labels[i] === 1).length, 2);
    assert.equal(test.length, 8);
  });
  it('rejects a share outside (0, 1)', () => {
    assert.throws(() => trainTestSplit(10, 1.5, 0), /testSize/);
  });
});

describe('stratifiedKFold', () => {
  const folds = stratifiedKFold(labels, 5, 0);
  it('puts every row in exactly one test fold', () => {
    assert.deepEqual(
      folds.flatMap((f) => f.test).sort((a, b) => a - b),
      Array.from({ length: 40 }, (_, i) => i),
    );
  });
  it('keeps the class balance in every fold (2 positives and 6 negatives each)', () => {
    for (const f of folds) assert.deepEqual([f.test.filter((i) => labels[i] === 1).length, f.test.length], [2, 8]);
  });
  it('trains on everything outside the test fold', () => {
    for (const f of folds) assert.equal(f.train.length + f.test.length, 40);
  });
  it('refuses more folds than the smallest class has rows', () => {
    assert.throws(() => stratifiedKFold(labels, 11, 0), /2\.\.10/);
  });
});
