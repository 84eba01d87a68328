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
const TOKEN_RE =
  /(?:[hH][tT][tT][pP][sS]?:\/\/|[wW][wW][wW]\.)[^\s<>"'()]*|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|\$\s?\d[\d,]*(?:\.\d+)?|\$+|!+|%|&[a-z]+;|\d+(?:[.,]\d+)*|\p{L}[\p{L}\p{N}]*(?:['’]\p{L}+)?/gu;

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
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const raw = m[0];
    const c = raw.charCodeAt(0);
    if ((c === 104 /* h */ || c === 72 || c === 119 /* w */ || c === 87) && URL_START_RE.test(raw)) {
      emitUrl(raw, emit);
      continue;
    }
    if (c === 36 /* $ */) emit(raw.length > 1 && raw.charCodeAt(1) !== 36 ? TOKENS.money : raw.length > 1 ? '$$$' : '$');
    else if (c === 33 /* ! */) emit(raw.length > 1 ? '!!!' : '!');
    else if (c === 37 /* % */) emit('%');
    else if (c === 38 /* & */) continue;
    else if (raw.indexOf('@') > 0) {
      emit(TOKENS.email);
      emitInnerWords(raw, emit);
    }
    else if (c >= 48 && c <= 57) emit(raw.length > MAX_NUMBER_DIGITS ? TOKENS.number : raw);
    else emitWord(raw, emit);
  }
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
  const h = host.replace(/^www\./, '').replace(/[.-]+$/, '');
  return h.length > 0 ? h : 'unknown';
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
