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
  void [text]; // your inputs
  throw new Error("lab-00-warm-up: not implemented — lower-case, split on anything that is not a letter (of any alphabet: é and ß are letters), count words found in SPAM_WORDS");
}

/**
 * The model: 1 (spam) when spamScore(text) is at least `threshold`, else 0.
 * @param threshold a count; texts scoring exactly the threshold are spam
 */
export function predict(text: string, threshold: number): number {
  void [text, threshold]; // your inputs
  throw new Error("lab-00-warm-up: not implemented — compare spamScore(text) with the threshold (>=)");
}

/**
 * Training: the threshold in 1..maxThreshold with the best accuracy on (texts, labels);
 * on ties, the smallest.
 * @param labels 1 for spam, 0 for ham, one per text
 */
export function fitThreshold(texts: string[], labels: number[], maxThreshold = 5): number {
  void [texts, labels, maxThreshold]; // your inputs
  throw new Error("lab-00-warm-up: not implemented — try every threshold, keep the one whose predictions match the most labels");
}
