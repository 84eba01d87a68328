import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { fileIO, loadModel, MODEL_FILE, saveModel, WEIGHTS_FILE } from './file-io';

function smallModel(): tf.LayersModel {
  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [5], units: 4, activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })],
  });
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return model;
}

function predict(model: tf.LayersModel, rows: number[][]): number[] {
  return tf.tidy(() => Array.from((model.predict(tf.tensor2d(rows)) as tf.Tensor).dataSync()));
}

describe('fileIO', () => {
  let dir = '';
  const rows = [
    [1, 0, 2, 0, 0.5],
    [0, 0, 0, 0, 0],
    [-1, 3, 0, 1, 2],
  ];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-io-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('a save and load round trip', () => {
    it('writes model.json and weights.bin and gives identical predictions', async () => {
      const model = smallModel();
      const bytes = await saveModel(model, dir);
      assert.equal(bytes[WEIGHTS_FILE], (5 * 4 + 4 + 4 * 1 + 1) * 4, 'weights.bin holds every weight as float32');
      const loaded = await loadModel(dir);
      assert.deepEqual(predict(loaded, rows), predict(model, rows));
    });

    it('writes the layers-model format other TensorFlow.js loaders read', async () => {
      await smallModel().save(fileIO(dir));
      const json = JSON.parse(fs.readFileSync(path.join(dir, MODEL_FILE), 'utf8'));
      assert.equal(json.format, 'layers-model');
      assert.deepEqual(json.weightsManifest[0].paths, ['./weights.bin']);
      assert.equal(json.weightsManifest[0].weights.length, 4);
    });
  });

  describe('loading damaged files', () => {
    it('names model.json when the folder is empty', async () => {
      await assert.rejects(loadModel(dir), /model\.json not found in/);
    });

    it('names weights.bin when it is missing', async () => {
      await saveModel(smallModel(), dir);
      fs.rmSync(path.join(dir, WEIGHTS_FILE));
      await assert.rejects(loadModel(dir), /weights\.bin not found/);
    });

    it('refuses a truncated weights.bin', async () => {
      await saveModel(smallModel(), dir);
      const file = path.join(dir, WEIGHTS_FILE);
      fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 12));
      await assert.rejects(loadModel(dir), /has 12 bytes; model\.json describes 116/);
    });

    it('refuses weights that were changed after saving', async () => {
      await saveModel(smallModel(), dir);
      const file = path.join(dir, WEIGHTS_FILE);
      const bytes = fs.readFileSync(file);
      bytes[0] ^= 0xff;
      fs.writeFileSync(file, bytes);
      await assert.rejects(loadModel(dir), /does not match the checksum/);
    });

    it('refuses a model.json that is not JSON', async () => {
      fs.writeFileSync(path.join(dir, MODEL_FILE), '{ not json');
      await assert.rejects(loadModel(dir), /model\.json is not valid JSON/);
    });
  });
});
