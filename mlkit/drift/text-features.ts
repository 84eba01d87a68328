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

// Scans, not regular expressions: `<(?:b|…)\b[^>]*>` rescans the rest of the text from every
// `<` when no `>` follows (quadratic on `<b <b <b …`), and `match(/!/g)` builds an array per mark.
const HTML_TAG_NAMES = new Set([
  'html',
  'head',
  'body',
  'div',
  'p',
  'br',
  'table',
  'tr',
  'td',
  'font',
  'a',
  'img',
  'span',
  'b',
  'i',
  'center',
]);

const LONGEST_TAG_NAME = 6;

/**
 * True when some `<name` or `</name` (a known tag name, any case, ending at a non-word
 * character) has a `>` after it, as `/<\/?(?:html|…|center)\b[^>]*>/i` tests.
 */
function hasHtmlTag(text: string): boolean {
  const lastClose = text.lastIndexOf('>');
  for (let lt = text.indexOf('<'); lt >= 0 && lt < lastClose; lt = text.indexOf('<', lt + 1)) {
    const start = text.charCodeAt(lt + 1) === 47 /* / */ ? lt + 2 : lt + 1;
    let end = start;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    const named = end > start && end - start <= LONGEST_TAG_NAME && HTML_TAG_NAMES.has(text.slice(start, end).toLowerCase());
    if (named && end <= lastClose) return true;
  }
  return false;
}

// `\w` without the `u` flag: ASCII letters, digits and `_`.
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Links: non-overlapping "http://", "https://" or "www." (any case), as `/https?:\/\/|www\./gi` counts. */
function countLinks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const skip = linkAt(text, i);
    if (skip > 0) {
      n++;
      i += skip - 1;
    }
  }
  return n;
}

/** Length of the link start at `i` ("https://", "http://" or "www."), or 0. */
function linkAt(text: string, i: number): number {
  if (lettersAt(text, i, 'www')) return text.charCodeAt(i + 3) === 46 /* . */ ? 4 : 0;
  if (!lettersAt(text, i, 'http')) return 0;
  const s = lettersAt(text, i + 4, 's') ? 1 : 0;
  return text.startsWith('://', i + 4 + s) ? 7 + s : 0;
}

/** True when `lower` (ASCII lower-case letters) is at `i` in any case. */
function lettersAt(text: string, i: number, lower: string): boolean {
  for (let k = 0; k < lower.length; k++) {
    // Setting bit 5 lower-cases an ASCII letter; no other code unit lands on one.
    if ((text.charCodeAt(i + k) | 32) !== lower.charCodeAt(k)) return false;
  }
  return true;
}

function countChar(text: string, code: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === code) n++;
  return n;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10000) / 10000;
}

interface CharCounts {
  chars: number;
  tokens: number;
  letters: number;
  upper: number;
  digits: number;
  nonSpace: number;
}

const SPACE = 1;
const LETTER = 2;
const UPPER = 4;
const DIGIT = 8;
const CLASSIFIED = 16;

function classify(ch: string): number {
  return (
    CLASSIFIED |
    (/\s/u.test(ch) ? SPACE : 0) |
    (/\p{L}/u.test(ch) ? LETTER : 0) |
    (/\p{Lu}/u.test(ch) ? UPPER : 0) |
    (/\p{Nd}/u.test(ch) ? DIGIT : 0)
  );
}

// Unicode properties looked up once per code unit, not tested by regex per character: the
// tests are what made long non-Latin mail slow.
const BMP_CLASSES = new Uint8Array(65_536);
const ASTRAL_CLASSES = new Map<number, number>();
const MAX_ASTRAL_CACHED = 4_096;

function bmpClass(code: number): number {
  let cls = BMP_CLASSES[code] as number;
  if (cls === 0) BMP_CLASSES[code] = cls = classify(String.fromCharCode(code));
  return cls;
}

function astralClass(text: string, i: number): number {
  const cp = text.codePointAt(i) as number;
  let cls = ASTRAL_CLASSES.get(cp);
  if (cls === undefined) {
    cls = classify(String.fromCodePoint(cp));
    if (ASTRAL_CLASSES.size >= MAX_ASTRAL_CACHED) ASTRAL_CLASSES.clear();
    ASTRAL_CLASSES.set(cp, cls);
  }
  return cls;
}

/** One pass over the code points (a surrogate pair is one character; a lone surrogate is too). */
function charCounts(text: string): CharCounts {
  const c: CharCounts = { chars: 0, tokens: 0, letters: 0, upper: 0, digits: 0, nonSpace: 0 };
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const cls = pair ? astralClass(text, i++) : bmpClass(code);
    c.chars++;
    if (cls & SPACE) {
      inToken = false;
      continue;
    }
    c.nonSpace++;
    if (!inToken) c.tokens++;
    inToken = true;
    if (cls & LETTER) c.letters++;
    if (cls & UPPER) c.upper++;
    if (cls & DIGIT) c.digits++;
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
    urls: countLinks(text),
    exclamations: countChar(text, 33 /* ! */),
    looks_like_html: hasHtmlTag(text) ? 'yes' : 'no',
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
