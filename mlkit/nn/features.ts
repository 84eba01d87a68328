/**
 * From the toolkit's sparse TF-IDF rows to the dense tensors TensorFlow.js layers take.
 */
import * as tf from '@tensorflow/tfjs';
import type { CsrMatrix } from '../text/sparse';

/**
 * Dense copy of a CSR matrix as a float32 tensor. Memory is rows × cols × 4 bytes (2,000 × 3,000
 * is 24 MB), so keep the vocabulary to a few thousand features.
 * @returns Tensor2D [m.nRows, m.nCols]; dispose it when done.
 */
export function csrToTensor(m: CsrMatrix): tf.Tensor2D {
  const dense = new Float32Array(m.nRows * m.nCols);
  for (let i = 0; i < m.nRows; i++) {
    const offset = i * m.nCols;
    for (let k = m.indptr[i]; k < m.indptr[i + 1]; k++) dense[offset + m.indices[k]] = m.values[k];
  }
  return tf.tensor2d(dense, [m.nRows, m.nCols]);
}

/**
 * Labels as a column tensor for a sigmoid output.
 * @param labels 0/1, length n.
 * @returns Tensor2D [n, 1].
 */
export function labelsToTensor(labels: ArrayLike<number>): tf.Tensor2D {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new RangeError(`labels[${i}] is ${String(labels[i])}: expected 0 or 1`);
  }
  return tf.tensor2d(Float32Array.from(labels), [labels.length, 1]);
}

/**
 * P(positive) per row from a model with one sigmoid output.
 * @param x Tensor2D [n, features].
 * @returns Float64Array [n], each in [0, 1].
 */
export function predictProbabilities(model: tf.LayersModel, x: tf.Tensor2D, batchSize = 256): Float64Array {
  const out = tf.tidy(() => model.predict(x, { batchSize }) as tf.Tensor);
  const values = Float64Array.from(out.dataSync());
  out.dispose();
  return values;
}
