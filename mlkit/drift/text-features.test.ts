import assert from 'node:assert/strict';
import { monitoringRow, textFeatures } from './text-features';

describe('drift/textFeatures', () => {
  it('counts length, tokens, case, digits, links and exclamation marks', () => {
    // 58 characters, 7 tokens, 5 of 39 letters upper case, 3 digits in 51 non-space characters.
    assert.deepEqual(textFeatures('FREE money!!\n\nVisit http://x.example or www.y.example 24/7'), {
      length: 58, tokens: 7, upper_share: 0.1282, digit_share: 0.0588, urls: 2, exclamations: 2, looks_like_html: 'no',
    });
  });

  it('flags HTML tags and handles empty text without dividing by zero', () => {
    assert.equal(textFeatures('<html><body><p>Hi</p></body></html>').looks_like_html, 'yes');
    assert.equal(textFeatures('1 < 2 and 3 > 2').looks_like_html, 'no');
    assert.deepEqual(textFeatures(''), {
      length: 0, tokens: 0, upper_share: 0, digit_share: 0, urls: 0, exclamations: 0, looks_like_html: 'no',
    });
  });

  it('counts characters, not UTF-16 units, and classifies non-ASCII letters, digits and spaces', () => {
    assert.equal(textFeatures('€💰').length, 2);
    // É is an upper-case letter, é a letter, ٣ an Arabic-Indic digit, U+00A0 a space.
    assert.deepEqual(textFeatures('Éé\u00a0٣'), {
      length: 4, tokens: 2, upper_share: 0.5, digit_share: 0.3333, urls: 0, exclamations: 0, looks_like_html: 'no',
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
});
