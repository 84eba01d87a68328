import assert from 'node:assert/strict';
import { parseJsonText } from './read-body';

describe('parseJsonText', () => {
  it('parses any JSON value, after a byte-order mark', () => {
    assert.deepEqual(parseJsonText('{"a":[1]}'), { a: [1] });
    assert.equal(parseJsonText('\ufeff"x"'), 'x');
  });

  it('reads an empty body as {}, as express.json does', () => {
    assert.deepEqual(parseJsonText(''), {});
    assert.deepEqual(parseJsonText('\ufeff'), {});
  });

  it("throws an HttpError 400 invalid_json with the parser's reason otherwise", () => {
    assert.throws(
      () => parseJsonText('{'),
      (e: { status?: number; code?: string; message?: string }) =>
        e.status === 400 && e.code === 'invalid_json' && /not valid JSON: .+\.$/.test(e.message ?? ''),
    );
  });
});
