import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, describeBackend } from './backend';

/** A loader that plays a machine where `missing` packages were never installed. */
function without(...missing: string[]): (id: string) => unknown {
  return (id) => {
    if (missing.includes(id)) throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    return require(id);
  };
}

describe('chooseBackend', () => {
  let previous: string | undefined;
  before(() => {
    previous = tf.getBackend() as string | undefined; // undefined until some backend has started
  });
  after(async () => {
    if (tf.findBackendFactory('tensorflow') && !tf.findBackend('tensorflow')) tf.removeBackend('tensorflow');
    await tf.setBackend(previous ?? 'cpu');
  });

  describe('when @tensorflow/tfjs-node is not installed', () => {
    it('falls back to wasm and says why it skipped the native backend', async () => {
      const choice = await chooseBackend({ load: without('@tensorflow/tfjs-node') });
      assert.equal(choice.backend, 'wasm');
      assert.equal(tf.getBackend(), 'wasm');
      assert.deepEqual(
        choice.attempts.map((a) => [a.backend, a.ok]),
        [
          ['tensorflow', false],
          ['wasm', true],
        ],
      );
      assert.match(describeBackend(choice), /backend: wasm .*tfjs-node is not installed/);
    });

    it('computes the same numbers on wasm as on cpu', async () => {
      await chooseBackend({ load: without('@tensorflow/tfjs-node') });
      const onWasm = tf.tidy(() =>
        tf
          .matMul(
            tf.tensor2d([
              [1, 2],
              [3, 4],
            ]),
            tf.tensor2d([[0.5], [-1]]),
          )
          .arraySync(),
      );
      await tf.setBackend('cpu');
      const onCpu = tf.tidy(() =>
        tf
          .matMul(
            tf.tensor2d([
              [1, 2],
              [3, 4],
            ]),
            tf.tensor2d([[0.5], [-1]]),
          )
          .arraySync(),
      );
      assert.deepEqual(onWasm, onCpu);
    });
  });

  describe('when neither native nor wasm can load', () => {
    it('falls back to the pure-JavaScript cpu backend', async () => {
      const choice = await chooseBackend({ load: without('@tensorflow/tfjs-node', '@tensorflow/tfjs-backend-wasm') });
      assert.equal(choice.backend, 'cpu');
      assert.equal(tf.getBackend(), 'cpu');
      assert.match(choice.attempts[1].reason, /tfjs-backend-wasm is not installed/);
    });
  });

  describe('when a package is present but broken', () => {
    it('reports the load error, not "not installed"', async () => {
      const broken = (id: string): unknown => {
        if (id === '@tensorflow/tfjs-node') throw new Error('libtensorflow.so: cannot open shared object file');
        return require(id);
      };
      const choice = await chooseBackend({ order: ['tensorflow', 'cpu'], load: broken });
      assert.equal(choice.backend, 'cpu');
      assert.match(choice.attempts[0].reason, /failed to load: libtensorflow\.so/);
    });
  });

  describe('when the native package loads', () => {
    it('prefers it over wasm', async () => {
      // Plays tfjs-node: loading the package registers a backend named "tensorflow".
      const fakeNative = (id: string): unknown => {
        if (id !== '@tensorflow/tfjs-node') return require(id);
        if (!tf.findBackendFactory('tensorflow')) tf.registerBackend('tensorflow', tf.findBackendFactory('cpu')!);
        return {};
      };
      const choice = await chooseBackend({ load: fakeNative });
      assert.equal(choice.backend, 'tensorflow');
      assert.deepEqual(
        choice.attempts.map((a) => a.backend),
        ['tensorflow'],
      );
      await tf.setBackend('cpu');
      tf.removeBackend('tensorflow');
    });
  });

  describe('with a bad order', () => {
    it('rejects an unknown backend name', async () => {
      await assert.rejects(chooseBackend({ order: ['webgpu' as never] }), /unknown backend "webgpu"/);
    });
    it('throws naming every reason when nothing in the order works', async () => {
      await assert.rejects(
        chooseBackend({ order: ['tensorflow'], load: without('@tensorflow/tfjs-node') }),
        /no TensorFlow\.js backend could start: .*not installed/,
      );
    });
  });
});
