import assert from 'node:assert/strict';
import { ensureDatasets, readSpamSplit, SPAM_SPLITS } from '../../datasets/read';
import { tokenizeByRegex } from './fixtures/regex-tokenizer';
import { tokenize, TOKENS } from './tokenize';

describe('tokenize', () => {
  it('lower-cases words and drops one-letter words', () => {
    assert.deepEqual(tokenize('Hello a World'), ['hello', 'world']);
  });
  it('keeps words glued to leftover HTML tags and entities', () => {
    assert.deepEqual(tokenize('<b>Click</b>&nbsp;here'), ['click', 'here']);
  });
  it('turns links into a marker, their host, and the words inside them', () => {
    assert.deepEqual(tokenize('see http://www.Example.com/list-info?id=1 now'), [
      'see',
      TOKENS.url,
      'url:example.com',
      'www',
      'example',
      'com',
      'list',
      'info',
      'id',
      'now',
    ]);
  });
  it('recognises links written in capitals or without a scheme', () => {
    assert.deepEqual(tokenize('HTTP://Win.biz www.cheap-pills.biz/buy'), [
      TOKENS.url,
      'url:win.biz',
      'win',
      'biz',
      TOKENS.url,
      'url:cheap-pills.biz',
      'www',
      'cheap',
      'pills',
      'biz',
      'buy',
    ]);
  });
  it('marks money, $$$ runs, !!! runs and percent signs', () => {
    assert.deepEqual(tokenize('$1,000.00 $$$ $ !!! ! 50%'), [TOKENS.money, '$$$', '$', '!!!', '!', '50', '%']);
  });
  it('keeps short numbers and collapses long ones', () => {
    assert.deepEqual(tokenize('2002 1234567'), ['2002', TOKENS.number]);
  });
  it('marks email addresses', () => {
    assert.deepEqual(tokenize('write to Jo.Smith@mail.example.org'), [
      'write',
      'to',
      TOKENS.email,
      'jo',
      'smith',
      'mail',
      'example',
      'org',
    ]);
  });
  it('adds a capitals marker after shouted words of three letters or more', () => {
    assert.deepEqual(tokenize('FREE OK Free'), ['free', TOKENS.caps, 'ok', 'free']);
  });
  it('replaces very long words (encoded junk) with a marker', () => {
    assert.deepEqual(tokenize('x'.repeat(31)), [TOKENS.longWord]);
  });
  it('keeps accented words and contractions whole', () => {
    assert.deepEqual(tokenize("Café don't"), ['café', "don't"]);
  });
  it('returns no tokens for an empty string', () => {
    assert.deepEqual(tokenize(''), []);
  });
});

describe('tokenize: e-mail addresses', () => {
  const cases: Array<[string, string[]]> = [
    ['a@b.c', [TOKENS.email]],
    ['ab@cd', ['ab', 'cd']],
    ['ab@cd.', ['ab', 'cd']],
    ['ab@cd.ef.', [TOKENS.email, 'ab', 'cd', 'ef']],
    ['write ab@cd.ef', ['write', TOKENS.email, 'ab', 'cd', 'ef']],
    ['@cd.ef', ['cd', 'ef']],
    ['see ab@', ['see', 'ab']],
    ['..ab@cd.ef', [TOKENS.email, 'ab', 'cd', 'ef']],
    ['%ab@cd.ef', ['%']],
    ['ab@cd.ef@gh.ij', [TOKENS.email, 'ab', 'cd', 'ef', 'gh', 'ij']],
    ['ab@-.-', [TOKENS.email, 'ab']],
    ['1,2.3@xy.zw', [TOKENS.number, 'xy', 'zw']],
    ['Café@exämple.org', [TOKENS.email, 'café', 'exämple', 'org']],
  ];
  for (const [text, tokens] of cases) {
    it(`tokenises ${JSON.stringify(text)} as ${JSON.stringify(tokens)}`, () => {
      assert.deepEqual(tokenize(text), tokens);
    });
  }
  it('lets a link that starts where an address does win, as the link rule comes first', () => {
    assert.deepEqual(tokenize('http://ab@cd.ef'), [TOKENS.url, 'url:ab', 'ab', 'cd', 'ef']);
    assert.deepEqual(tokenize('www.ab@cd.ef'), [TOKENS.url, 'url:ab', 'www', 'ab', 'cd', 'ef']);
  });
});

/** `unit` repeated up to exactly `chars` characters. */
function run(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

// Inputs that took the old single regular expression seconds (quadratic backtracking); the
// benchmark `npm run bench -- stall` times them, these tests pin what they tokenise to.
describe('tokenize: long runs that used to make the tokenizer backtrack', () => {
  const units = ['.', 'a.', 'ab.', 'a@', 'ab@', 'a@b.', 'http://', 'www.', '$ ', '1,', '-', '_a', '.@-.- ', '<b '];
  for (const unit of units) {
    it(`gives the old tokens on 2,000 characters of ${JSON.stringify(unit)}…`, () => {
      const text = run(unit, 2_000);
      assert.deepEqual(tokenize(text), tokenizeByRegex(text));
    });
  }
  const n = 100_000;
  it('drops 100,000 dots and 100,000 characters of a.a.a… (no word of two letters)', () => {
    assert.deepEqual(tokenize(run('.', n)), []);
    assert.deepEqual(tokenize(run('a.', n)), []);
  });
  it('keeps every word of ab@ab@… and ab.ab.… (no address without a dot after the @)', () => {
    assert.deepEqual(tokenize(run('ab@', n * 3)), Array(n).fill('ab'));
    assert.deepEqual(tokenize(run('ab.', n * 3)), Array(n).fill('ab'));
  });
  it('reads http://http://… as one link whose host is "http"', () => {
    const tokens = tokenize(run('http://', 7 * n));
    assert.deepEqual(tokens.slice(0, 3), [TOKENS.url, 'url:http', 'http']);
    assert.equal(tokens.length, 2 + (n - 1));
  });
  it('reads www.www.… as one link, without its trailing dot in the host', () => {
    const tokens = tokenize(run('www.', 4 * n));
    assert.equal(
      tokens[1],
      `url:${Array(n - 1)
        .fill('www')
        .join('.')}`,
    );
    assert.equal(tokens.length, 2 + n);
  });
  it('trims a host that is dots after a letter in one pass', () => {
    assert.deepEqual(tokenize(`http://ab${'.'.repeat(n)}`), [TOKENS.url, 'url:ab', 'ab']);
  });
  it('gives a $ per "$ " and one long number for 1,1,1,…', () => {
    assert.deepEqual(tokenize(run('$ ', 2 * n)), Array(n).fill('$'));
    assert.deepEqual(tokenize(run('1,', n)), [TOKENS.number]);
  });
  it('tokenises 1 MB of mixed runs as the sum of its parts', () => {
    const parts = ['.', 'a.', 'ab@', 'a@b.', 'http://', '$ ', '-', '_a'].map((unit) => run(unit, 125_000));
    const expected = parts.flatMap((part) => tokenize(part));
    assert.deepEqual(tokenize(parts.join(' ')), expected);
  });
});

describe('tokenize: the same tokens as the old regular expression', () => {
  it('on 20,000 random short texts of the characters the rules care about', () => {
    const alphabet = [
      'a',
      'B',
      'é',
      '💰',
      '٣',
      '.',
      '@',
      '%',
      '_',
      '-',
      '+',
      '$',
      '!',
      '&',
      ';',
      '1',
      ',',
      'h',
      'w',
      ':',
      '/',
      "'",
      '’',
      ' ',
      '<',
      '"',
      'http://',
      'www.',
      '&nbsp;',
      '\ud800',
      'x@y.z',
    ];
    let seed = 7;
    const next = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * k);
    };
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: next(30) }, () => alphabet[next(alphabet.length)]).join('');
      assert.deepEqual(tokenize(text), tokenizeByRegex(text), `text ${JSON.stringify(text)}`);
    }
  });

  it('on every message of the spam corpus (all splits)', async function () {
    this.timeout(120_000);
    await ensureDatasets();
    let messages = 0;
    for (const split of SPAM_SPLITS) {
      for (const row of readSpamSplit(split)) {
        assert.deepEqual(tokenize(row.text), tokenizeByRegex(row.text), `${split} ${row.id}`);
        messages++;
      }
    }
    assert.ok(messages > 5_000, `only ${messages} messages read`);
  });
});
