/**
 * Hidden checks for lesson 06's exercises: other sizes than the lesson's, and the edges (a
 * network without dropout, another seed; a last batch shorter than the others, one batch for
 * all rows, tensors left behind).
 */
import * as tf from '@tensorflow/tfjs';
import { closeTo, satisfies, type ExerciseChecks } from '../../../grading/exercises/check';
import {
  anatomy,
  disposeModel,
  referenceEpoch,
  toyData,
  toyNetwork,
  trainToy,
  type Anatomy,
  type BuildNetwork,
  type TrainEpoch,
} from '../../../notebooks/checks/nb-06';

type B = { buildNetwork: BuildNetwork };
const buildChecks: ExerciseChecks<B> = {
  id: 'nb-06.1',
  section: 'The network',
  uses: ['buildNetwork'],
  checks: [
    closeTo<B>('5 inputs, 3 hidden units: 5 × 3 + 3 + 3 + 1 parameters', {
      got: (f) => anatomy(f.buildNetwork, 5, 3, 0.5, 0.001, 1).params,
      expected: 22,
      absolute: 0.5,
      hint: "use the inputs and hidden arguments, not the lesson's 2,000 and 16",
    }),
    satisfies<B, Anatomy>('dropout 0.5 and learning rate 0.001 are the ones given', {
      got: (f) => anatomy(f.buildNetwork, 5, 3, 0.5, 0.001, 1),
      test: (a) => a.dropoutRates.join() === '0.5' && Math.abs(a.learningRate - 0.001) < 1e-12,
      expected: 'dropout rate 0.5, learning rate 0.001',
      show: (a) => `dropout rates [${a.dropoutRates.join(', ')}], learning rate ${a.learningRate}`,
      hint: "pass dropout and learningRate through; do not fix them to the lesson's values",
    }),
    satisfies<B, boolean>('another seed, another network', {
      got: (f) => {
        const [a, b] = [anatomy(f.buildNetwork, 5, 3, 0, 0.01, 1), anatomy(f.buildNetwork, 5, 3, 0, 0.01, 2)];
        return a.predictions.some((p, i) => p !== b.predictions[i]);
      },
      test: (differ) => differ,
      expected: 'different predictions for seeds 1 and 2',
      show: (differ) => (differ ? 'the predictions differ' : 'the same predictions for both seeds'),
      hint: "build the initializers' seeds from the seed argument",
    }),
  ],
};

type T = { trainEpoch: TrainEpoch };
const epochChecks: ExerciseChecks<T> = {
  id: 'nb-06.2',
  section: 'Early stopping',
  uses: ['trainEpoch'],
  checks: [
    closeTo<T>('48 rows in batches of 20: the last batch has 8 rows', {
      got: (f) => {
        const r = trainToy(f.trainEpoch, 2, 20);
        return [...r.losses, ...r.weights];
      },
      expected: () => {
        const r = trainToy(referenceEpoch, 2, 20);
        return [...r.losses, ...r.weights];
      },
      absolute: 1e-4,
      hint: "the last batch holds the rows that are left (Math.min(batchSize, n − start)); weight each batch's loss by its size",
    }),
    closeTo<T>('a batch size above the row count: one step, and the loss it returns is the loss before the step', {
      got: (f) => trainToy(f.trainEpoch, 1, 100).losses,
      expected: () => {
        const { x, y } = toyData();
        const model = toyNetwork();
        const loss = tf.tidy(
          () =>
            tf.metrics
              .binaryCrossentropy(y, model.predict(x) as tf.Tensor)
              .mean()
              .dataSync()[0],
        );
        tf.dispose([x, y]);
        disposeModel(model);
        return loss;
      },
      absolute: 1e-5,
      hint: 'return the loss that minimize(…, true) computed for each batch, before its step',
    }),
    satisfies<T, number>('leaves no tensors behind', {
      got: (f) => {
        const { x, y } = toyData();
        const model = toyNetwork();
        f.trainEpoch(model, x, y, 16); // the first epoch creates Adam's moment variables
        const before = tf.memory().numTensors;
        f.trainEpoch(model, x, y, 16);
        const leaked = tf.memory().numTensors - before;
        tf.dispose([x, y]);
        disposeModel(model);
        return leaked;
      },
      test: (leaked) => leaked === 0,
      expected: 'the same number of tensors before and after an epoch',
      show: (leaked) => `${leaked} tensors more after the epoch`,
      hint: 'wrap each batch in tf.tidy, or dispose the slices and the returned loss',
    }),
  ],
};

export const exercises = [buildChecks, epochChecks];
