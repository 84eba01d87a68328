import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { csrFromRows } from '../text/sparse';
import { csrToTensor, labelsToTensor, predictProbabilities } from './features';

describe('csrToTensor', () => {
  it('puts every stored value at its row and column, zeros elsewhere', () => {
    const m = csrFromRows(
      [
        { indices: Int32Array.from([0, 2]), values: Float64Array.from([0.5, 0.25]) },
        { indices: new Int32Array(0), values: new Float64Array(0) },
        { indices: Int32Array.from([1]), values: Float64Array.from([1]) },
      ],
      3,
    );
    const t = csrToTensor(m);
    assert.deepEqual(t.shape, [3, 3]);
    assert.deepEqual(t.arraySync(), [
      [0.5, 0, 0.25],
      [0, 0, 0],
      [0, 1, 0],
    ]);
    t.dispose();
  });
});

describe('labelsToTensor', () => {
  it('makes a [n, 1] column of 0/1', () => {
    const t = labelsToTensor([1, 0, 1]);
    assert.deepEqual(t.arraySync(), [[1], [0], [1]]);
    t.dispose();
  });
  it('rejects a label that is not 0 or 1, naming its position', () => {
    assert.throws(() => labelsToTensor([0, 2]), /labels\[1\] is 2/);
  });
});

describe('predictProbabilities', () => {
  it('returns one probability per row from a sigmoid model', () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [2], units: 1, activation: 'sigmoid', useBias: false, kernelInitializer: 'zeros' })],
    });
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    assert.deepEqual(Array.from(predictProbabilities(model, x)), [0.5, 0.5]);
    x.dispose();
  });
});
