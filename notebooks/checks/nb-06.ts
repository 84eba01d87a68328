/**
 * Checks for the exercises of lesson 06 (A neural network with TensorFlow.js). The checker
 * cells of the lesson run them: `grader.check('nb-06.1', buildNetwork)`. They build small
 * networks with your functions and read their shapes, their settings and their losses.
 */
import * as tf from '@tensorflow/tfjs';
import { closeTo, satisfies, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';
import { mulberry32 } from '../../mlkit/data/random';

export type BuildNetwork = (inputs: number, hidden: number, dropout: number, learningRate: number, seed: number) => tf.Sequential;
export type TrainEpoch = (model: tf.LayersModel, x: tf.Tensor2D, y: tf.Tensor2D, batchSize: number) => number;

/** What the checks read from a built network; the network itself is disposed. */
export interface Anatomy {
  input: Array<number | null>;
  output: Array<number | null>;
  params: number;
  activations: string[];
  dropoutRates: number[];
  loss: string;
  optimizer: string;
  learningRate: number;
  predictions: number[];
}

const PROBE = (inputs: number): tf.Tensor2D =>
  tf.tensor2d(
    Array.from({ length: 3 * inputs }, (_, i) => ((i * 7) % 5) / 5),
    [3, inputs],
  );

/** Disposes a model and its optimizer's state (model.dispose() keeps an optimizer it was given). */
export function disposeModel(model: tf.LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  if (optimizer) optimizer.dispose();
}

/** Builds with `build`, reads its anatomy, disposes it. */
export function anatomy(build: BuildNetwork, inputs: number, hidden: number, dropout: number, learningRate: number, seed: number): Anatomy {
  const model = build(inputs, hidden, dropout, learningRate, seed);
  try {
    const config = (l: tf.layers.Layer) => l.getConfig() as Record<string, unknown>;
    const probe = PROBE(inputs);
    const out = model.predict(probe) as tf.Tensor;
    const predictions = Array.from(out.dataSync());
    tf.dispose([probe, out]);
    const optimizer = model.optimizer as unknown as { getClassName(): string; getConfig(): Record<string, unknown> } | undefined;
    return {
      input: model.inputs[0].shape,
      output: model.outputs[0].shape,
      params: model.countParams(),
      activations: model.layers.filter((l) => l.getClassName() === 'Dense').map((l) => String(config(l).activation)),
      dropoutRates: model.layers.filter((l) => l.getClassName() === 'Dropout').map((l) => Number(config(l).rate)),
      loss: typeof model.loss === 'string' ? model.loss : String(model.loss),
      optimizer: optimizer ? optimizer.getClassName() : 'none (not compiled)',
      learningRate: optimizer ? Number(optimizer.getConfig().learningRate) : NaN,
      predictions,
    };
  } finally {
    disposeModel(model);
  }
}

type B = { buildNetwork: BuildNetwork };
const SECTION_NET = 'The network';
const net = (f: B) => anatomy(f.buildNetwork, 2000, 16, 0.2, 0.01, 42);
const buildChecks: ExerciseChecks<B> = {
  id: 'nb-06.1',
  section: SECTION_NET,
  uses: ['buildNetwork'],
  checks: [
    satisfies<B, Anatomy>('2,000 inputs, 16 hidden units: shapes [null, 2000] → [null, 1]', {
      got: net,
      test: (a) => a.input.join() === ',2000' && a.output.join() === ',1',
      expected: 'input [null, 2000], output [null, 1]',
      show: (a) => `input [${a.input.join(', ')}], output [${a.output.join(', ')}]`,
      hint: 'the first dense layer takes inputShape: [inputs]; the last has units: 1',
    }),
    closeTo<B>('parameters: 2,000 × 16 + 16 weights and biases into the hidden layer, 16 + 1 out of it', {
      got: (f) => net(f).params,
      expected: 2000 * 16 + 16 + 16 + 1,
      absolute: 0.5,
      hint: 'one hidden dense layer of `hidden` units and one output unit; dropout adds no parameters',
    }),
    satisfies<B, Anatomy>('ReLU in the hidden layer, sigmoid at the output, dropout between', {
      got: net,
      test: (a) => a.activations.join() === 'relu,sigmoid' && a.dropoutRates.join() === '0.2',
      expected: 'dense activations [relu, sigmoid] and one dropout layer of rate 0.2',
      show: (a) => `dense activations [${a.activations.join(', ')}], dropout rates [${a.dropoutRates.join(', ')}]`,
      hint: 'tf.layers.dense({ units: hidden, activation: "relu" }), tf.layers.dropout({ rate: dropout }), tf.layers.dense({ units: 1, activation: "sigmoid" })',
    }),
    satisfies<B, Anatomy>('compiled with binary cross-entropy and Adam at the given learning rate', {
      got: net,
      test: (a) => a.loss === 'binaryCrossentropy' && a.optimizer === 'Adam' && Math.abs(a.learningRate - 0.01) < 1e-12,
      expected: 'loss "binaryCrossentropy", optimizer Adam with learning rate 0.01',
      show: (a) => `loss ${a.loss}, optimizer ${a.optimizer} with learning rate ${a.learningRate}`,
      hint: 'model.compile({ optimizer: tf.train.adam(learningRate), loss: "binaryCrossentropy" })',
    }),
    satisfies<B, number[][]>('the same seed builds the same network', {
      got: (f) => [net(f).predictions, net(f).predictions],
      test: ([a, b]) => a.length === 3 && a.every((p, i) => p === b[i] && p > 0 && p < 1),
      expected: 'equal predictions, each in (0, 1), from two networks built with seed 42',
      show: ([a, b]) => `[${a.map((p) => p.toFixed(6)).join(', ')}] and [${b.map((p) => p.toFixed(6)).join(', ')}]`,
      hint: 'give every dense layer kernelInitializer: tf.initializers.glorotUniform({ seed: … }) built from `seed`',
    }),
  ],
};

/** 48 rows, 6 features in [0, 1); label 1 when the first two add up to more than 1. */
export function toyData(rows = 48, seed = 3): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const random = mulberry32(seed);
  const xs = Array.from({ length: rows }, () => Array.from({ length: 6 }, () => random()));
  return { x: tf.tensor2d(xs), y: tf.tensor2d(xs.map((r) => [r[0] + r[1] > 1 ? 1 : 0])) };
}

/** A small network of the lesson's shape, without dropout so that every run is repeatable. */
export function toyNetwork(seed = 7, hidden = 8): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({ units: hidden, activation: 'relu', inputShape: [6], kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
  );
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
  return model;
}

/** The epoch written out: batches in row order, one Adam step each, the mean loss over rows. */
export function referenceEpoch(model: tf.LayersModel, x: tf.Tensor2D, y: tf.Tensor2D, batchSize: number): number {
  const n = x.shape[0];
  let total = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const loss = tf.tidy(() => {
      const xb = x.slice([start, 0], [size, x.shape[1]]);
      const yb = y.slice([start, 0], [size, 1]);
      return model.optimizer.minimize(
        () => tf.metrics.binaryCrossentropy(yb, model.apply(xb, { training: true }) as tf.Tensor).mean() as tf.Scalar,
        true,
      ) as tf.Scalar;
    });
    total += loss.dataSync()[0] * size;
    loss.dispose();
  }
  return total / n;
}

/** Weights as one vector. */
export const weightsOf = (model: tf.LayersModel): number[] => model.getWeights().flatMap((w) => Array.from(w.dataSync()));

/** Trains a fresh toy network for `epochs` with `epoch`; returns the losses and the weights after. */
export function trainToy(epoch: TrainEpoch, epochs: number, batchSize: number, rows = 48): { losses: number[]; weights: number[] } {
  const { x, y } = toyData(rows);
  const model = toyNetwork();
  try {
    const losses = Array.from({ length: epochs }, () => epoch(model, x, y, batchSize));
    return { losses, weights: weightsOf(model) };
  } finally {
    tf.dispose([x, y]);
    disposeModel(model);
  }
}

type T = { trainEpoch: TrainEpoch };
const epochChecks: ExerciseChecks<T> = {
  id: 'nb-06.2',
  section: 'Early stopping',
  uses: ['trainEpoch'],
  checks: [
    closeTo<T>('one epoch of 4 batches of 12 rows: the same loss and weights as the loop written out', {
      got: (f) => {
        const r = trainToy(f.trainEpoch, 1, 12);
        return [...r.losses, ...r.weights];
      },
      expected: () => {
        const r = trainToy(referenceEpoch, 1, 12);
        return [...r.losses, ...r.weights];
      },
      absolute: 1e-4,
      hint: 'for each batch of rows [start, start + batchSize): model.optimizer.minimize(() => mean binary cross-entropy of model.apply(xb, { training: true }) against yb, true)',
    }),
    satisfies<T, number[]>('five epochs: the training loss falls', {
      got: (f) => trainToy(f.trainEpoch, 5, 12).losses,
      test: (l) => l.length === 5 && l.every((v) => Number.isFinite(v)) && l[4] < l[0],
      expected: "a loss after five epochs below the first epoch's",
      show: (l) => l.map((v) => Number(v).toFixed(4)).join(' → '),
      hint: 'minimize the loss (the optimizer steps downhill), and return the mean of the batch losses weighted by batch size',
    }),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [buildChecks, epochChecks];

export const grader = createGrader('notebooks/checks/nb-06.ts', exercises);
