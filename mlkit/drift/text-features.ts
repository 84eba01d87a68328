/**
 * Cheap, explainable numbers about a message, for drift monitoring: if spammers start sending
 * longer, shoutier or link-heavier mail, these columns move before the model's accuracy does.
 */

/** The monitored features of one message. */
export interface TextFeatures extends Record<string, number | string> {
  /** Length in characters (Unicode code points). */
  length: number;
  /** Whitespace-separated tokens. */
  tokens: number;
  /** Upper-case letters / letters, in [0, 1] (0 when there are no letters); 4 decimals. */
  upper_share: number;
  /** Digits / non-space characters, in [0, 1] (0 for blank text); 4 decimals. */
  digit_share: number;
  /** Links: occurrences of "http://", "https://" or "www.". */
  urls: number;
  /** Exclamation marks. */
  exclamations: number;
  /** "yes" when the text contains HTML tags, else "no" (categorical). */
  looks_like_html: 'yes' | 'no';
}

const HTML_TAG = /<\/?(?:html|head|body|div|p|br|table|tr|td|font|a|img|span|b|i|center)\b[^>]*>/i;

function count(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10000) / 10000;
}

interface CharCounts { chars: number; tokens: number; letters: number; upper: number; digits: number; nonSpace: number }

/**
 * One pass over the code points (regexes over every character are ~20× slower on long mails).
 * ASCII is classified by code; anything else by Unicode property.
 */
function charCounts(text: string): CharCounts {
  const c: CharCounts = { chars: 0, tokens: 0, letters: 0, upper: 0, digits: 0, nonSpace: 0 };
  let inToken = false;
  for (const ch of text) {
    c.chars++;
    const code = ch.charCodeAt(0);
    const space = code < 128 ? code === 32 || (code >= 9 && code <= 13) : /\s/u.test(ch);
    if (space) { inToken = false; continue; }
    c.nonSpace++;
    if (!inToken) { c.tokens++; inToken = true; }
    if (code < 128) {
      if (code >= 65 && code <= 90) { c.letters++; c.upper++; }
      else if (code >= 97 && code <= 122) c.letters++;
      else if (code >= 48 && code <= 57) c.digits++;
    } else if (/\p{L}/u.test(ch)) {
      c.letters++;
      if (/\p{Lu}/u.test(ch)) c.upper++;
    } else if (/\p{Nd}/u.test(ch)) c.digits++;
  }
  return c;
}

/**
 * Computes the monitored features of a message.
 * @param text the message as the API receives it (subject, blank line, body)
 */
export function textFeatures(text: string): TextFeatures {
  if (typeof text !== 'string') throw new TypeError(`textFeatures needs a string, got ${typeof text}`);
  const c = charCounts(text);
  return {
    length: c.chars,
    tokens: c.tokens,
    upper_share: share(c.upper, c.letters),
    digit_share: share(c.digits, c.nonSpace),
    urls: count(text, /https?:\/\/|www\./gi),
    exclamations: count(text, /!/g),
    looks_like_html: HTML_TAG.test(text) ? 'yes' : 'no',
  };
}

/** One monitoring row: the text features plus what the model answered. */
export interface MonitoringRow extends TextFeatures {
  /** Predicted probability of spam, in [0, 1]. */
  probability: number;
  /** Predicted label, e.g. "spam" or "ham" (categorical). */
  prediction: string;
}

/**
 * The row the service logs per prediction and the drift report compares with the reference.
 * @param probability the model's spam probability, in [0, 1]
 * @param prediction the predicted label
 */
export function monitoringRow(text: string, probability: number, prediction: string): MonitoringRow {
  if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
    throw new RangeError(`probability must be a number in [0, 1], got ${String(probability)}`);
  }
  if (typeof prediction !== 'string' || prediction === '') throw new TypeError('prediction must be a non-empty label');
  return { ...textFeatures(text), probability, prediction };
}
