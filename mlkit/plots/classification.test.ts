import assert from 'node:assert/strict';
import { confusionMatrixFigure, prFigure, rocFigure } from './classification';

describe('plots/classification', () => {
  it('confusionMatrixFigure makes an annotated heatmap with actual rows top to bottom', () => {
    const f = confusionMatrixFigure(
      [
        [50, 3],
        [4, 20],
      ],
      ['ham', 'spam'],
      { title: 'validation' },
    );
    assert.equal(f.data.length, 1);
    const t = f.data[0];
    assert.equal(t.type, 'heatmap');
    assert.deepEqual(t.z, [
      [50, 3],
      [4, 20],
    ]);
    assert.deepEqual(t.x, ['ham', 'spam']);
    assert.equal(t.texttemplate, '%{z}');
    assert.equal(t.reversescale, true, 'large counts dark');
    assert.equal(f.layout.yaxis?.autorange, 'reversed');
    assert.deepEqual(f.layout.title, { text: 'validation' });
  });

  it('confusionMatrixFigure rejects shapes that do not match the labels', () => {
    assert.throws(() => confusionMatrixFigure([[1, 2]], ['a', 'b']), /1 rows but 2 labels/);
    assert.throws(() => confusionMatrixFigure([[1, 2], [3]], ['a', 'b']), /cm\[1\] has 1 columns, expected 2/);
    assert.throws(
      () =>
        confusionMatrixFigure(
          [
            [1, NaN],
            [3, 4],
          ],
          ['a', 'b'],
        ),
      /cm\[0\]\[1\] is NaN/,
    );
  });

  it('rocFigure draws one line per curve plus the chance diagonal, with the AUC in the legend', () => {
    const f = rocFigure([
      { name: 'bayes', fpr: [0, 0.2, 1], tpr: [0, 0.8, 1], auc: 0.8 },
      { name: 'logreg', fpr: [0, 1], tpr: [0, 1] },
    ]);
    assert.deepEqual(
      f.data.map((t) => t.name),
      ['bayes (AUC 0.800)', 'logreg', 'chance'],
    );
    assert.deepEqual(f.data[0].x, [0, 0.2, 1]);
    assert.deepEqual(f.data[2].y, [0, 1]);
    assert.deepEqual(f.layout.xaxis?.range, [0, 1]);
    assert.deepEqual(rocFigure([{ name: 'm', fpr: [0, 1], tpr: [0, 1] }], { xRange: [0, 0.2] }).layout.xaxis?.range, [0, 0.2]);
  });

  it('rocFigure and prFigure reject curves whose arrays differ in length', () => {
    assert.throws(() => rocFigure([{ name: 'm', fpr: [0, 1], tpr: [0] }]), /m fpr\/tpr: lengths differ \(2 vs 1\)/);
    assert.throws(() => prFigure([{ name: 'm', recall: [0], precision: [1, 0] }]), /lengths differ/);
    assert.throws(() => rocFigure([]), /at least one curve/);
  });

  it('prFigure draws step lines and an optional chance baseline at the positive share', () => {
    const f = prFigure([{ name: 'm', recall: [0, 0.5, 1], precision: [1, 0.9, 0.3], ap: 0.85 }], { baseline: 0.15 });
    assert.deepEqual(
      f.data.map((t) => t.name),
      ['m (AP 0.850)', 'chance'],
    );
    assert.deepEqual(f.data[1].y, [0.15, 0.15]);
    assert.equal(prFigure([{ name: 'm', recall: [0, 1], precision: [1, 0.5] }]).data.length, 1);
  });
});
