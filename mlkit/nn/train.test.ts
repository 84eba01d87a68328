import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../data/random';
import { buildMlp, fitWithEarlyStopping } from './train';

/** Two noisy blobs in 4 dimensions: label 1 when the first two coordinates are large. */
function blobs(n: number, seed: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const next = mulberry32(seed);
  const rows: number[][] = [];
  const labels: number[][] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    rows.push([label + next(), label + next(), next(), next()]);
    labels.push([label]);
  }
  return { x: tf.tensor2d(rows), y: tf.tensor2d(labels) };
}

function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

describe('buildMlp', () => {
  it('maps [n, inputs] to [n, 1] probabilities', () => {
    const model = buildMlp(4, { hidden: [8, 4] });
    const out = model.predict(tf.zeros([3, 4])) as tf.Tensor;
    assert.deepEqual(out.shape, [3, 1]);
    assert.ok(Array.from(out.dataSync()).every((p) => p > 0 && p < 1));
  });
  it('starts from the same weights for the same seed', () => {
    assert.deepEqual(weightsOf(buildMlp(4, { seed: 7 })), weightsOf(buildMlp(4, { seed: 7 })));
    assert.notDeepEqual(weightsOf(buildMlp(4, { seed: 7 })), weightsOf(buildMlp(4, { seed: 8 })));
  });
  it('rejects a dropout rate of 1 or more', () => {
    assert.throws(() => buildMlp(4, { dropout: 1 }), /dropout must be in \[0, 1\)/);
  });
});

describe('fitWithEarlyStopping', () => {
  const train = blobs(64, 1);
  const validation = blobs(32, 2);

  it('learns the blobs and keeps the weights of the best validation epoch', async () => {
    const model = buildMlp(4, { hidden: [8], dropout: 0, learningRate: 0.05 });
    const history = await fitWithEarlyStopping(model, train.x, train.y, validation.x, validation.y, {
      maxEpochs: 40,
      patience: 3,
      batchSize: 16,
    });
    const best = Math.min(...history.validationLoss);
    assert.equal(history.validationLoss[history.bestEpoch - 1], best);
    const now = tf.metrics
      .binaryCrossentropy(validation.y, model.predict(validation.x) as tf.Tensor)
      .mean()
      .dataSync()[0];
    assert.ok(Math.abs(now - best) < 1e-5, `validation loss after training ${now} should be the best epoch's ${best}`);
    assert.ok(history.validationLoss[0] > best, 'the loss went down during training');
  });

  it('stops `patience` epochs after the best one', async () => {
    // A learning rate this large overshoots, so the validation loss stops improving early.
    const model = buildMlp(4, { hidden: [8], dropout: 0, learningRate: 5 });
    const history = await fitWithEarlyStopping(model, train.x, train.y, validation.x, validation.y, {
      maxEpochs: 50,
      patience: 2,
      batchSize: 16,
    });
    assert.ok(history.trainLoss.length < 50, `ran ${history.trainLoss.length} epochs`);
    assert.equal(history.trainLoss.length, Math.min(50, history.bestEpoch + 2));
  });

  it('gives the same history for the same seeds', async () => {
    const run = async (): Promise<number[]> =>
      (
        await fitWithEarlyStopping(buildMlp(4, { dropout: 0.2, seed: 3 }), train.x, train.y, validation.x, validation.y, {
          maxEpochs: 3,
          seed: 5,
        })
      ).validationLoss;
    assert.deepEqual(await run(), await run());
  });
});
