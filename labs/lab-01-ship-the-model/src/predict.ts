import type { LoadedModel, Prediction, Predictor } from '../../../server-template/src/contracts';

/**
 * One answer from one probability: spam when `probability >= threshold`.
 * @param probability spam probability in [0, 1]
 * @param threshold the artifact's decision threshold in [0, 1]
 */
export function toPrediction(probability: number, threshold: number): Prediction {
  void [probability, threshold]; // your inputs
  throw new Error("lab-01-ship-the-model: not implemented — compare with the threshold; keep the probability as the model gave it");
}

/**
 * Scores all texts in one call (the model is faster on a batch than text by text), then applies
 * the threshold. Gives exactly what the notebook's `predictProba` gives for the same texts.
 * @returns one Prediction per text, same order
 */
export function predictTexts(model: LoadedModel, texts: string[]): Prediction[] {
  void [model, texts]; // your inputs
  throw new Error("lab-01-ship-the-model: not implemented — call model.predictProba once with every text, then toPrediction on each");
}

export const predictor: Predictor = { predict: predictTexts };
