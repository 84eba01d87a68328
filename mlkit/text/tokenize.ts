/**
 * Tokenizer for email text.
 *
 * Spam gives itself away in things a plain word splitter throws away: links, money amounts,
 * runs of `!!!` and `$$$`, shouting in capitals, and words glued to leftover HTML
 * (`<b>FREE</b>`, `&nbsp;click`). Each of those becomes a token of its own, so the model can
 * learn a weight for it.
 */

/** Marker tokens. They start with `__` so they can never collide with a real word token. */
export const TOKENS = {
  url: '__url__',
  email: '__email__',
  money: '__money__',
  number: '__number__',
  caps: '__caps__',
  longWord: '__longword__',
} as const;

// One alternation, tried left to right at each position. `u` so accented words stay whole.
// An alternative that scans far either matches what it scanned or (`&` and letters without a
// `;`) leaves letters the word rule takes next, so a search is linear in the text. E-mail
// addresses are not in it (see `nextEmail`): a pattern for them rescans a run like `a.a.a.a`
// from each of its characters, which is quadratic.
const TOKEN_RE =
  /(?:[hH][tT][tT][pP][sS]?:\/\/|[wW][wW][wW]\.)[^\s<>"'()]*|\$\s?\d[\d,]*(?:\.\d+)?|\$+|!+|%|&[a-z]+;|\d+(?:[.,]\d+)*|\p{L}[\p{L}\p{N}]*(?:['’]\p{L}+)?/gu;

const MAX_WORD = 30;
const MAX_NUMBER_DIGITS = 4;

/**
 * Split a text into tokens, calling `emit` for each (no array is built, so scoring one message
 * allocates little).
 *
 * Rules, in order: a link → `__url__`, `url:<host>` and the words in it; an email address →
 * `__email__` and the words in it;
 * `$25`, `$ 1,000.00` → `__money__`; `$$`… → `$$$`, `$` → `$`; `!!`… → `!!!`, `!` → `!`; `%`;
 * HTML entities (`&nbsp;`) are dropped; numbers of up to 4 digits are kept, longer ones become
 * `__number__`; words are lower-cased, one-letter words dropped, words longer than 30 letters
 * (encoded junk) become `__longword__`, and an all-capitals word of 3+ letters also emits
 * `__caps__`.
 * @param text any string (subject and body).
 * @param emit called once per token, in text order.
 */
export function forEachToken(text: string, emit: (token: string) => void): void {
  let from = 0;
  let match = nextMatch(text, 0);
  let email = nextEmail(text, 0);
  // Both searches remember what they found ahead of `from` (or that nothing is left), so no
  // stretch of text is searched twice.
  while (match !== null || email !== null) {
    if (match !== null && match.index < from) match = nextMatch(text, from);
    if (email !== null && email.start < from) email = nextEmail(text, from);
    // Leftmost wins; at the same position only a link comes before an address (the old
    // alternation's order).
    if (email !== null && (match === null || email.start < match.index || (email.start === match.index && !URL_START_RE.test(match[0])))) {
      emitEmail(text.slice(email.start, email.end), emit);
      from = email.end;
    } else if (match !== null) {
      emitMatch(match[0], emit);
      from = match.index + match[0].length;
    }
  }
}

// An address that starts with `%` has always given just `%` (the model was trained so).
function emitEmail(raw: string, emit: (token: string) => void): void {
  if (raw.charCodeAt(0) === 37 /* % */) {
    emit('%');
    return;
  }
  emit(TOKENS.email);
  emitInnerWords(raw, emit);
}

function nextMatch(text: string, from: number): RegExpExecArray | null {
  TOKEN_RE.lastIndex = from;
  return TOKEN_RE.exec(text);
}

function emitMatch(raw: string, emit: (token: string) => void): void {
  const c = raw.charCodeAt(0);
  if ((c === 104 /* h */ || c === 72 || c === 119 /* w */ || c === 87) && URL_START_RE.test(raw)) emitUrl(raw, emit);
  else if (c === 36 /* $ */) emit(raw.length > 1 && raw.charCodeAt(1) !== 36 ? TOKENS.money : raw.length > 1 ? '$$$' : '$');
  else if (c === 33 /* ! */) emit(raw.length > 1 ? '!!!' : '!');
  else if (c === 37 /* % */) emit('%');
  else if (c === 38 /* & */) return;
  else if (c >= 48 && c <= 57) emit(raw.length > MAX_NUMBER_DIGITS ? TOKENS.number : raw);
  else emitWord(raw, emit);
}

/** An e-mail address in a text: `text.slice(start, end)`. */
interface Span {
  start: number;
  end: number;
}

/**
 * The leftmost address at or after `from`, matched as `[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`
 * would, found from its `@` outwards in time linear in the text searched.
 */
function nextEmail(text: string, from: number): Span | null {
  for (let at = text.indexOf('@', from); at >= 0; at = text.indexOf('@', at + 1)) {
    // `@` is not a local-part character, so the local part is the whole run before it.
    const start = localPartStart(text, from, at);
    if (start === at) continue;
    const end = domainEnd(text, at + 1);
    if (end >= 0) return { start, end };
  }
  return null;
}

/** Where the run of local-part characters that ends at `end` starts, not before `from`. */
function localPartStart(text: string, from: number, end: number): number {
  let i = end;
  while (i > from) {
    const low = text.charCodeAt(i - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && i - 2 >= from && isHighSurrogate(text.charCodeAt(i - 2));
    const cp = pair ? (text.codePointAt(i - 2) as number) : low;
    if (!isLocalChar(cp)) break;
    i -= pair ? 2 : 1;
  }
  return i;
}

/** End of a domain `label(.label)+` starting at `start`, or -1 when there is none. */
function domainEnd(text: string, start: number): number {
  let end = labelEnd(text, start);
  if (end === start) return -1;
  let labels = 1;
  while (text.charCodeAt(end) === 46 /* . */) {
    const next = labelEnd(text, end + 1);
    if (next === end + 1) break;
    end = next;
    labels++;
  }
  return labels > 1 ? end : -1;
}

function labelEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    if (!(cp === 45 /* - */ || isLetterOrNumber(cp))) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** A letter, a digit, or one of `._%+-`. */
function isLocalChar(cp: number): boolean {
  return cp === 46 || cp === 95 || cp === 37 || cp === 43 || cp === 45 || isLetterOrNumber(cp);
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
function isLetterOrNumber(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
}

function emitWord(raw: string, emit: (token: string) => void): void {
  if (raw.length < 2) return;
  if (raw.length > MAX_WORD) {
    emit(TOKENS.longWord);
    return;
  }
  const lower = raw.toLowerCase();
  emit(lower);
  if (raw.length >= 3 && lower !== raw && raw === raw.toUpperCase()) emit(TOKENS.caps);
}

// Words inside a link or address (`lists`, `sourceforge`, `listinfo`) name mailing lists and
// senders, which tell ham from spam; the marker alone would lose them.
const INNER_WORD_RE = /\p{L}[\p{L}\p{N}]+/gu;
function emitInnerWords(raw: string, emit: (token: string) => void): void {
  const words = raw.toLowerCase().match(INNER_WORD_RE);
  if (words !== null) for (const w of words) if (w.length <= MAX_WORD) emit(w);
}

const URL_START_RE = /^(?:https?:\/\/|www\.)/i;
const HOST_RE = /^[\p{L}\p{N}.-]*/u;

function emitUrl(raw: string, emit: (token: string) => void): void {
  const rest = raw.replace(/^https?:\/\//i, '');
  emit(TOKENS.url);
  emit('url:' + hostOf((HOST_RE.exec(rest) as RegExpExecArray)[0].toLowerCase()));
  emitInnerWords(rest, emit);
}

// `www.example.com.` → `example.com`: the registrable part is what repeats across spam runs.
function hostOf(host: string): string {
  const h = trimDotsAndDashes(host.replace(/^www\./, ''));
  return h.length > 0 ? h : 'unknown';
}

// A loop, not `/[.-]+$/`: that pattern rescans a run of dots from each of its characters.
function trimDotsAndDashes(s: string): string {
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 46 || s.charCodeAt(end - 1) === 45)) end--;
  return s.slice(0, end);
}

/**
 * Tokens of a text as an array (see {@link forEachToken} for the rules).
 * @example tokenize('FREE money!!! at http://win.com') → ['free', '__caps__', 'money', '!!!', 'at', '__url__', 'url:win.com', 'win', 'com']
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (t) => out.push(t));
  return out;
}
