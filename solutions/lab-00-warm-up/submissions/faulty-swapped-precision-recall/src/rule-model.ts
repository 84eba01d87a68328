/**
 * A model is a function from input to prediction. This one reads a short text, counts
 * words that often appear in spam, and calls the text spam when the count reaches a
 * threshold. "Training" it means choosing the threshold.
 */

/** Words the rule counts (lower case). */
export const SPAM_WORDS = ['free', 'money', 'winner', 'offer', 'click', 'cash', 'prize', 'urgent'];

/**
 * How many words of `text` are in `SPAM_WORDS`, ignoring case and punctuation.
 * "FREE money!!! Free." has 3.
 * @returns a count ≥ 0
 */
export function spamScore(text: string): number {
  const words = text.toLowerCase().split(/[^a-z]+/).filter((w) => w !== '');
  return words.filter((w) => SPAM_WORDS.includes(w)).length;
}

/**
 * The model: 1 (spam) when spamScore(text) is at least `threshold`, else 0.
 * @param threshold a count; texts scoring exactly the threshold are spam
 */
export function predict(text: string, threshold: number): number {
  return spamScore(text) >= threshold ? 1 : 0;
}

/**
 * Training: the threshold in 1..maxThreshold with the best accuracy on (texts, labels);
 * on ties, the smallest.
 * @param labels 1 for spam, 0 for ham, one per text
 */
export function fitThreshold(texts: string[], labels: number[], maxThreshold = 5): number {
  let best = 1;
  let bestRight = -1;
  for (let t = 1; t <= maxThreshold; t++) {
    const right = texts.filter((text, i) => predict(text, t) === labels[i]).length;
    if (right > bestRight) {
      best = t;
      bestRight = right;
    }
  }
  return best;
}
