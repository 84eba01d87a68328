/**
 * A model is a function from input to prediction. This one reads a short text, counts
 * words that often appear in spam, and calls the text spam when the count reaches a
 * threshold. "Training" it means choosing the threshold.
 */

/** Words the rule counts (lower case). */
export const SPAM_WORDS = ['free', 'money', 'winner', 'offer', 'click', 'cash', 'prize', 'urgent'];

/**
 * How many words of `text` are in `SPAM_WORDS`, ignoring case and punctuation. A word is a run
 * of letters of any alphabet ("café", "Straße"), so "cashé" is not "cash".
 * "FREE money!!! Free." has 3.
 * @returns a count ≥ 0
 */
export function spamScore(text: string): number {
  // BEGIN SOLUTION hint: lower-case, split on anything that is not a letter (of any alphabet: é and ß are letters), count words found in SPAM_WORDS
  // \p{L} is a letter of any alphabet and \p{M} an accent written as its own character (e + ◌́):
  // "cashé" is one word, not "cash" followed by a separator.
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{M}]+/u)
    .filter((w) => w !== '');
  return words.filter((w) => SPAM_WORDS.includes(w)).length;
  // END SOLUTION
}

/**
 * The model: 1 (spam) when spamScore(text) is at least `threshold`, else 0.
 * @param threshold a count; texts scoring exactly the threshold are spam
 */
export function predict(text: string, threshold: number): number {
  // BEGIN SOLUTION hint: compare spamScore(text) with the threshold (>=)
  return spamScore(text) >= threshold ? 1 : 0;
  // END SOLUTION
}

/**
 * Training: the threshold in 1..maxThreshold with the best accuracy on (texts, labels);
 * on ties, the smallest.
 * @param labels 1 for spam, 0 for ham, one per text
 */
export function fitThreshold(texts: string[], labels: number[], maxThreshold = 5): number {
  // BEGIN SOLUTION hint: try every threshold, keep the one whose predictions match the most labels
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
  // END SOLUTION
}
