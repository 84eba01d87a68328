import assert from 'node:assert/strict';
import { tokenize, TOKENS } from './tokenize';

describe('tokenize', () => {
  it('lower-cases words and drops one-letter words', () => {
    assert.deepEqual(tokenize('Hello a World'), ['hello', 'world']);
  });
  it('keeps words glued to leftover HTML tags and entities', () => {
    assert.deepEqual(tokenize('<b>Click</b>&nbsp;here'), ['click', 'here']);
  });
  it('turns links into a marker, their host, and the words inside them', () => {
    assert.deepEqual(tokenize('see http://www.Example.com/list-info?id=1 now'), ['see', TOKENS.url, 'url:example.com', 'www', 'example', 'com', 'list', 'info', 'id', 'now']);
  });
  it('recognises links written in capitals or without a scheme', () => {
    assert.deepEqual(tokenize('HTTP://Win.biz www.cheap-pills.biz/buy'), [TOKENS.url, 'url:win.biz', 'win', 'biz', TOKENS.url, 'url:cheap-pills.biz', 'www', 'cheap', 'pills', 'biz', 'buy']);
  });
  it('marks money, $$$ runs, !!! runs and percent signs', () => {
    assert.deepEqual(tokenize('$1,000.00 $$$ $ !!! ! 50%'), [TOKENS.money, '$$$', '$', '!!!', '!', '50', '%']);
  });
  it('keeps short numbers and collapses long ones', () => {
    assert.deepEqual(tokenize('2002 1234567'), ['2002', TOKENS.number]);
  });
  it('marks email addresses', () => {
    assert.deepEqual(tokenize('write to Jo.Smith@mail.example.org'), ['write', 'to', TOKENS.email, 'jo', 'smith', 'mail', 'example', 'org']);
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
