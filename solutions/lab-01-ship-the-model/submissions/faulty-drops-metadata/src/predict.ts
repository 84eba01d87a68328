// @ts-nocheck — a fixture submission: its imports resolve only once staged as labs/<lab>/.
import type { LoadedModel, Prediction, Predictor } from '../../../server-template/src/contracts';

/**
 * One answer from one probability: spam when `probability >= threshold`.
 * @param probability spam probability in [0, 1]
 * @param threshold the artifact's decision threshold in [0, 1]
 */
export function toPrediction(probability: number, threshold: number): Prediction {
  // BEGIN SOLUTION hint: compare with the threshold; keep the probability as the model gave it
  return { prediction: probability >= threshold ? 'spam' : 'ham', probability };
  // END SOLUTION
}

/**
 * Scores all texts in one call (the model is faster on a batch than text by text), then applies
 * the threshold. Gives exactly what the notebook's `predictProba` gives for the same texts.
 * @returns one Prediction per text, same order
 */
export function predictTexts(model: LoadedModel, texts: string[]): Prediction[] {
  // BEGIN SOLUTION hint: call model.predictProba once with every text, then toPrediction on each
  const probabilities = model.predictProba(texts);
  if (probabilities.length !== texts.length) {
    throw new Error(`model returned ${probabilities.length} probabilities for ${texts.length} texts`);
  }
  return probabilities.map((p) => toPrediction(p, model.threshold));
  // END SOLUTION
}

export const predictor: Predictor = { predict: predictTexts };
