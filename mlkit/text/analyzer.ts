/**
 * Analyzer: text → the list of features (terms) a vectorizer counts.
 *
 * Builds on the tokenizer with two things that help spam detection: the subject's words as
 * features of their own (`subject:free` weighs differently from `free` in the body), and
 * word pairs (`click here`, `remove you`), which carry meaning single words lose.
 */
import { forEachToken } from './tokenize';

/** What the analyzer emits besides the tokens themselves. */
export interface AnalyzerOptions {
  /** Also emit each pair of consecutive tokens, joined by a space (`"click here"`). */
  readonly bigrams: boolean;
  /** Also emit the subject's tokens prefixed with `subject:`. The subject is the text before the first blank line (`text = subject + "\n\n" + body`). */
  readonly subject: boolean;
}

/** The committed spam model's choice (see DEFAULT_SPAM_CONFIG): both extras off. */
export const DEFAULT_ANALYZER: AnalyzerOptions = { bigrams: false, subject: false };

/**
 * Stream the terms of one text to `emit`, without building an array.
 * @param text `subject + "\n\n" + body` (a text without a blank line is all subject and body).
 */
export function forEachTerm(text: string, options: AnalyzerOptions, emit: (term: string) => void): void {
  if (options.subject) {
    const cut = text.indexOf('\n\n');
    const subject = cut >= 0 ? text.slice(0, cut) : '';
    forEachToken(subject, (t) => emit('subject:' + t));
  }
  if (!options.bigrams) {
    forEachToken(text, emit);
    return;
  }
  let previous: string | null = null;
  forEachToken(text, (t) => {
    emit(t);
    if (previous !== null) emit(previous + ' ' + t);
    previous = t;
  });
}

/** The terms of one text as an array (see {@link forEachTerm}). */
export function analyze(text: string, options: AnalyzerOptions = DEFAULT_ANALYZER): string[] {
  const out: string[] = [];
  forEachTerm(text, options, (t) => out.push(t));
  return out;
}

/** Check analyzer options read from JSON or user input; throws naming the bad field. */
export function checkAnalyzerOptions(value: unknown): AnalyzerOptions {
  const v = value as Partial<AnalyzerOptions> | null;
  if (v === null || typeof v !== 'object') throw new TypeError('analyzer options must be an object { bigrams, subject }');
  if (typeof v.bigrams !== 'boolean') throw new TypeError('analyzer option "bigrams" must be true or false');
  if (typeof v.subject !== 'boolean') throw new TypeError('analyzer option "subject" must be true or false');
  return { bigrams: v.bigrams, subject: v.subject };
}
