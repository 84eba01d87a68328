import assert from 'node:assert/strict';
import { ensureDatasets, readSpamSplit, SPAM_SPLITS } from '../../datasets/read';
import { monitoringRow, textFeatures } from './text-features';

// The regular expressions the features were first defined by: the oracle for the scans.
const OLD_HTML_TAG = /<\/?(?:html|head|body|div|p|br|table|tr|td|font|a|img|span|b|i|center)\b[^>]*>/i;
const n = (text: string, re: RegExp): number => (text.match(re) ?? []).length;
const share = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 10000) / 10000);
const byRegex = (text: string) => ({
  length: [...text].length,
  tokens: n(text, /\S+/gu),
  upper_share: share(n(text, /\p{Lu}/gu), n(text, /\p{L}/gu)),
  digit_share: share(n(text, /\p{Nd}/gu), n(text, /\S/gu)),
  urls: n(text, /https?:\/\/|www\./gi),
  exclamations: n(text, /!/g),
  looks_like_html: OLD_HTML_TAG.test(text) ? 'yes' : 'no',
});
const scanned = (text: string) => ({ ...textFeatures(text) });

describe('drift/textFeatures', () => {
  it('counts length, tokens, case, digits, links and exclamation marks', () => {
    // 58 characters, 7 tokens, 5 of 39 letters upper case, 3 digits in 51 non-space characters.
    assert.deepEqual(textFeatures('FREE money!!\n\nVisit http://x.example or www.y.example 24/7'), {
      length: 58,
      tokens: 7,
      upper_share: 0.1282,
      digit_share: 0.0588,
      urls: 2,
      exclamations: 2,
      looks_like_html: 'no',
    });
  });

  it('flags HTML tags and handles empty text without dividing by zero', () => {
    assert.equal(textFeatures('<html><body><p>Hi</p></body></html>').looks_like_html, 'yes');
    assert.equal(textFeatures('1 < 2 and 3 > 2').looks_like_html, 'no');
    assert.deepEqual(textFeatures(''), {
      length: 0,
      tokens: 0,
      upper_share: 0,
      digit_share: 0,
      urls: 0,
      exclamations: 0,
      looks_like_html: 'no',
    });
  });

  it('counts characters, not UTF-16 units, and classifies non-ASCII letters, digits and spaces', () => {
    assert.equal(textFeatures('€💰').length, 2);
    // É is an upper-case letter, é a letter, ٣ an Arabic-Indic digit, U+00A0 a space.
    assert.deepEqual(textFeatures('Éé\u00a0٣'), {
      length: 4,
      tokens: 2,
      upper_share: 0.5,
      digit_share: 0.3333,
      urls: 0,
      exclamations: 0,
      looks_like_html: 'no',
    });
  });

  it('agrees with the regular-expression definitions on a mixed text', () => {
    const text = 'Ünïcode MIXED text\t42 ½ Ⅻ\n\nΑΒΓ δ 💰 ٣!';
    const n = (re: RegExp) => (text.match(re) ?? []).length;
    const f = textFeatures(text);
    assert.equal(f.tokens, n(/\S+/gu));
    assert.equal(f.upper_share, Math.round((n(/\p{Lu}/gu) / n(/\p{L}/gu)) * 10000) / 10000);
    assert.equal(f.digit_share, Math.round((n(/\p{Nd}/gu) / n(/\S/gu)) * 10000) / 10000);
  });

  it('monitoringRow adds the prediction and checks it', () => {
    const row = monitoringRow('Hi', 0.25, 'ham');
    assert.equal(row.probability, 0.25);
    assert.equal(row.prediction, 'ham');
    assert.throws(() => monitoringRow('Hi', 1.5, 'spam'), /probability must be a number in \[0, 1\]/);
    assert.throws(() => textFeatures(undefined as unknown as string), /needs a string/);
  });

  describe('every feature as the regular expressions define it', () => {
    const cases: Array<[string, number, 'yes' | 'no']> = [
      ['<b <b <b', 0, 'no'],
      ['<b <b <b>', 0, 'yes'],
      ['</B >', 0, 'yes'],
      ['<bx> <b_> <//b> <é>', 0, 'no'],
      ['<b-x> and more', 0, 'yes'],
      ['<br/>', 0, 'yes'],
      ['a > b <a', 0, 'no'],
      ['<CENTER\n>', 0, 'yes'],
      ['hTTpS://x https:/ wwww.x http://www.y', 4, 'no'],
      ['HTTPSX:// httpS:// WwW.', 2, 'no'],
      ['!!! ! http!', 0, 'no'],
    ];
    for (const [text, urls, html] of cases) {
      it(`counts ${urls} link(s) and looks_like_html "${html}" in ${JSON.stringify(text)}`, () => {
        assert.deepEqual(scanned(text), byRegex(text));
        assert.equal(textFeatures(text).urls, urls);
        assert.equal(textFeatures(text).looks_like_html, html);
      });
    }

    it('answers for 100,000 characters of <b <b … and of http://… with the counts they have', () => {
      assert.equal(textFeatures('<b '.repeat(33_334)).looks_like_html, 'no');
      assert.equal(textFeatures('<b '.repeat(33_333) + '>').looks_like_html, 'yes');
      assert.equal(textFeatures('http://'.repeat(14_286)).urls, 14_286);
      assert.equal(textFeatures('!'.repeat(100_000)).exclamations, 100_000);
    });

    it('agrees with them on 5,000 random short texts of the characters they care about', () => {
      const alphabet = [
        '<',
        '>',
        '/',
        'b',
        'B',
        'r',
        'a',
        'x',
        '_',
        '-',
        ' ',
        '\n',
        '\u00a0',
        'h',
        't',
        'p',
        's',
        'W',
        'w',
        '.',
        ':',
        '!',
        'É',
        'é',
        'ſ',
        'K',
        '٣',
        '💰',
        '𝐀',
        '\ud800',
        '\udc00',
        'http',
        'www',
        'td',
        'center',
        '1',
      ];
      let seed = 11;
      const next = (k: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return Math.floor((seed / 2147483648) * k);
      };
      for (let i = 0; i < 5_000; i++) {
        const text = Array.from({ length: next(25) }, () => alphabet[next(alphabet.length)]).join('');
        assert.deepEqual(scanned(text), byRegex(text), `text ${JSON.stringify(text)}`);
      }
    });

    it('agrees with them on every message of the spam corpus (all splits)', async function () {
      this.timeout(120_000);
      await ensureDatasets();
      let html = 0;
      for (const split of SPAM_SPLITS) {
        for (const row of readSpamSplit(split)) {
          const expected = byRegex(row.text);
          assert.deepEqual(scanned(row.text), expected, `${split} ${row.id}`);
          if (expected.looks_like_html === 'yes') html++;
        }
      }
      assert.ok(html > 50, `only ${html} HTML messages: the corpus check saw too little HTML to mean anything`);
    });
  });
});
