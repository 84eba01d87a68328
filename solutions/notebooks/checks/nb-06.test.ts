/**
 * Lesson 06's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as shown from '../../../notebooks/checks/nb-06';
import type { BuildNetwork, TrainEpoch } from '../../../notebooks/checks/nb-06';
import * as hidden from './nb-06';
import { assertStubFailsEveryCheck, failuresIn } from './meta';

type BuildMistake = 'none' | 'no-dropout' | 'relu-out' | 'mse' | 'sgd' | 'unseeded' | 'fixed-rates' | 'two-hidden';

/** The answer, with switches for common mistakes. */
function buildNetwork(mistake: BuildMistake = 'none'): BuildNetwork {
  return (inputs, hidden, dropout, learningRate, seed) => {
    const init = (s: number) => (mistake === 'unseeded' ? 'glorotUniform' : tf.initializers.glorotUniform({ seed: s }));
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: hidden, activation: 'relu', inputShape: [inputs], kernelInitializer: init(seed) }));
    if (mistake === 'two-hidden') model.add(tf.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: init(seed + 2) }));
    if (mistake !== 'no-dropout') model.add(tf.layers.dropout({ rate: mistake === 'fixed-rates' ? 0.2 : dropout, seed }));
    model.add(tf.layers.dense({ units: 1, activation: mistake === 'relu-out' ? 'relu' : 'sigmoid', kernelInitializer: init(seed + 1) }));
    const optimizer = mistake === 'sgd' ? tf.train.sgd(learningRate) : tf.train.adam(mistake === 'fixed-rates' ? 0.01 : learningRate);
    model.compile({ optimizer, loss: mistake === 'mse' ? 'meanSquaredError' : 'binaryCrossentropy' });
    return model;
  };
}

type EpochMistake = 'none' | 'one-step' | 'unweighted' | 'drops-last' | 'leaks' | 'mse' | 'uses-fit';

function trainEpoch(mistake: EpochMistake = 'none'): TrainEpoch {
  return (model, x, y, batchSize) => {
    const n = x.shape[0];
    let total = 0;
    let batches = 0;
    for (let start = 0; start < n; start += batchSize) {
      if (mistake === 'drops-last' && start + batchSize > n && start > 0) break;
      const size = Math.min(batchSize, n - start);
      const step = () => {
        const xb = x.slice([start, 0], [size, x.shape[1]]);
        const yb = y.slice([start, 0], [size, 1]);
        return model.optimizer.minimize(() => {
          const p = model.apply(xb, { training: true }) as tf.Tensor;
          return (mistake === 'mse' ? tf.losses.meanSquaredError(yb, p) : tf.metrics.binaryCrossentropy(yb, p).mean()) as tf.Scalar;
        }, true) as tf.Scalar;
      };
      const loss = mistake === 'leaks' ? step() : tf.tidy(step);
      total += loss.dataSync()[0]! * (mistake === 'unweighted' ? 1 : size);
      batches++;
      if (mistake !== 'leaks') loss.dispose();
      if (mistake === 'one-step') break;
    }
    return mistake === 'unweighted' ? total / batches : total / n;
  };
}

/** A learner who reaches for model.fit returns a Promise, not a number. */
const withFit: TrainEpoch = (model, x, y, batchSize) => {
  const pending = model.fit(x, y, { epochs: 1, batchSize, shuffle: false, verbose: 0 }).then((h) => h.history.loss[0]);
  // The checks call it again before this fit ends, and tfjs rejects a second fit(). The checks
  // handle the rejection of any Promise they are given; handled here too, so that the test
  // process cannot end long after the check has failed even if they stopped doing so.
  pending.catch(() => undefined);
  return pending as unknown as number;
};

const failures = failuresIn(shown.exercises, hidden.exercises);

describe('lesson 06 exercise checks', function () {
  this.timeout(120000);

  it('every public and hidden check passes on a right answer', () => {
    assert.deepEqual(failures('nb-06.1', { buildNetwork: buildNetwork() }), []);
    assert.deepEqual(failures('nb-06.2', { trainEpoch: trainEpoch() }), []);
  });

  it('a right answer leaves no tensors behind in the checks themselves', () => {
    failures('nb-06.1', { buildNetwork: buildNetwork() });
    const before = tf.memory().numTensors;
    failures('nb-06.1', { buildNetwork: buildNetwork() });
    failures('nb-06.2', { trainEpoch: trainEpoch() });
    assert.equal(tf.memory().numTensors, before);
  });

  for (const mistake of ['no-dropout', 'relu-out', 'mse', 'sgd', 'unseeded', 'fixed-rates', 'two-hidden'] as const) {
    it(`nb-06.1 catches a network with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-06.1', { buildNetwork: buildNetwork(mistake) }).length > 0);
    });
  }

  for (const mistake of ['one-step', 'unweighted', 'drops-last', 'leaks', 'mse'] as const) {
    it(`nb-06.2 catches an epoch with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-06.2', { trainEpoch: trainEpoch(mistake) }).length > 0);
    });
  }

  it("nb-06.2 catches an epoch that returns model.fit's Promise, and says it is a Promise", () => {
    const lines = failures('nb-06.2', { trainEpoch: withFit });
    assert.ok(lines.length > 0);
    // "not a number" would send the learner looking at the arithmetic, not at fit().
    for (const line of lines) assert.match(line, /returned a Promise where a value is expected: did you forget await\?/);
  });

  it('the public checks alone catch a single step per epoch and an unseeded network', () => {
    assert.ok(failures('nb-06.2', { trainEpoch: trainEpoch('one-step') }, shown.exercises).length > 0);
    assert.ok(failures('nb-06.1', { buildNetwork: buildNetwork('unseeded') }, shown.exercises).length > 0);
  });

  it('a stub fails every check with its own hint', () => {
    assertStubFailsEveryCheck(failures, 'nb-06.1', 'buildNetwork', shown.exercises[0]!.checks.length + hidden.exercises[0]!.checks.length);
  });
});
