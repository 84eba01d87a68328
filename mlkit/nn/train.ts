/**
 * A small multi-layer perceptron for binary classification, and a training loop with early
 * stopping that keeps the best weights seen on validation data.
 */
import * as tf from '@tensorflow/tfjs';
import { shuffle } from '../data/random';

export interface MlpOptions {
  /** Units per hidden layer, e.g. [32]. */
  hidden: number[];
  /** Dropout rate after each hidden layer, in [0, 1). */
  dropout: number;
  learningRate: number;
  /** Seeds weight initialisation and dropout: same seed, same starting model. */
  seed: number;
}

export const DEFAULT_MLP: MlpOptions = { hidden: [32], dropout: 0.2, learningRate: 1e-3, seed: 42 };

/**
 * Dense layers with ReLU, then one sigmoid unit: P(positive), trained on binary cross-entropy.
 * @param inputs number of input features.
 */
export function buildMlp(inputs: number, options: Partial<MlpOptions> = {}): tf.Sequential {
  const o = { ...DEFAULT_MLP, ...options };
  if (!Number.isInteger(inputs) || inputs < 1) throw new RangeError(`buildMlp: inputs must be a positive integer, got ${inputs}`);
  if (!(o.dropout >= 0 && o.dropout < 1)) throw new RangeError(`buildMlp: dropout must be in [0, 1), got ${o.dropout}`);
  const model = tf.sequential();
  o.hidden.forEach((units, i) => {
    const init = tf.initializers.glorotUniform({ seed: o.seed + i });
    model.add(tf.layers.dense({ units, activation: 'relu', kernelInitializer: init, ...(i === 0 ? { inputShape: [inputs] } : {}) }));
    if (o.dropout > 0) model.add(tf.layers.dropout({ rate: o.dropout, seed: o.seed + 100 + i }));
  });
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed + 99 }) }));
  model.compile({ optimizer: tf.train.adam(o.learningRate), loss: 'binaryCrossentropy' });
  return model;
}

export interface EarlyStoppingOptions {
  /** Upper bound on epochs. */
  maxEpochs: number;
  /** Stop after this many epochs without a better validation loss. */
  patience: number;
  batchSize: number;
  /** Seeds the shuffling of the training rows each epoch. */
  seed: number;
  /** Weight of a positive example in the loss (e.g. ham / spam for balanced classes). */
  positiveWeight: number;
}

export interface TrainingHistory {
  /** Mean training loss per epoch (index 0 = epoch 1). */
  trainLoss: number[];
  /** Validation loss per epoch. */
  validationLoss: number[];
  /** The epoch (1-based) whose weights the model now holds. */
  bestEpoch: number;
  seconds: number;
}

function validationLoss(model: tf.LayersModel, x: tf.Tensor2D, y: tf.Tensor2D): number {
  return tf.tidy(
    () =>
      tf.metrics
        .binaryCrossentropy(y, model.predict(x) as tf.Tensor)
        .mean()
        .dataSync()[0],
  );
}

/**
 * Trains `model` one epoch at a time, measures the loss on validation data after each, and
 * stops once it has not improved for `patience` epochs; the best epoch's weights are restored
 * (TensorFlow.js's own earlyStopping callback keeps the last weights instead).
 * @param x Tensor2D [n, features]; y Tensor2D [n, 1] of 0/1.
 */
export async function fitWithEarlyStopping(
  model: tf.LayersModel,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  xVal: tf.Tensor2D,
  yVal: tf.Tensor2D,
  options: Partial<EarlyStoppingOptions> = {},
): Promise<TrainingHistory> {
  const o: EarlyStoppingOptions = { maxEpochs: 30, patience: 3, batchSize: 64, seed: 0, positiveWeight: 1, ...options };
  const started = Date.now();
  const history: TrainingHistory = { trainLoss: [], validationLoss: [], bestEpoch: 0, seconds: 0 };
  let best: tf.Tensor[] = [];
  let bestLoss = Infinity;
  const rows = Array.from({ length: x.shape[0] }, (_, i) => i);
  for (let epoch = 1; epoch <= o.maxEpochs && epoch - history.bestEpoch <= o.patience; epoch++) {
    // Our own seeded shuffle: fit's built-in one uses Math.random and cannot be repeated.
    const order = tf.tensor1d(shuffle(rows, o.seed + epoch), 'int32');
    const [xs, ys] = [tf.gather(x, order), tf.gather(y, order)];
    // classWeight makes TensorFlow.js read labels back batch by batch: only pay for it when used.
    const weights = o.positiveWeight === 1 ? {} : { classWeight: { 0: 1, 1: o.positiveWeight } };
    const fit = await model.fit(xs, ys, { epochs: 1, batchSize: o.batchSize, shuffle: false, verbose: 0, ...weights });
    tf.dispose([order, xs, ys]);
    history.trainLoss.push(fit.history.loss[0] as number);
    history.validationLoss.push(validationLoss(model, xVal, yVal));
    if (history.validationLoss[epoch - 1] < bestLoss) {
      bestLoss = history.validationLoss[epoch - 1];
      history.bestEpoch = epoch;
      tf.dispose(best);
      best = model.getWeights().map((w) => w.clone());
    }
  }
  model.setWeights(best);
  tf.dispose(best);
  history.seconds = (Date.now() - started) / 1000;
  return history;
}
