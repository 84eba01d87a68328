import assert from 'node:assert/strict';
import { analyze, checkAnalyzerOptions } from './analyzer';

describe('analyze', () => {
  it('emits subject tokens with a prefix, then body tokens and word pairs', () => {
    assert.deepEqual(analyze('Win now\n\nclick here', { bigrams: true, subject: true }), [
      'subject:win',
      'subject:now',
      'win',
      'now',
      'win now',
      'click',
      'now click',
      'here',
      'click here',
    ]);
  });
  it('emits tokens only when both options are off', () => {
    assert.deepEqual(analyze('Win now\n\nclick here', { bigrams: false, subject: false }), ['win', 'now', 'click', 'here']);
  });
  it('treats a text without a blank line as having no subject', () => {
    assert.deepEqual(analyze('just body', { bigrams: false, subject: true }), ['just', 'body']);
  });
  it('rejects malformed options naming the field', () => {
    assert.throws(() => checkAnalyzerOptions({ bigrams: 'yes', subject: true }), /bigrams/);
  });
});
