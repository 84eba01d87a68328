import assert from 'node:assert/strict';
import { postJson } from '../../server-template/src/testing';
import { startFixtureService, type FixtureService } from './testing';

interface ErrorBody {
  error: { code: string; message: string; details?: Array<{ field: string; problem: string }> };
}

async function expectError(res: Response, status: number, code: string): Promise<ErrorBody['error']> {
  assert.equal(res.status, status);
  const text = await res.text();
  assert.doesNotMatch(text, /\bat .+:\d+:\d+|node_modules|"stack"/);
  const body = JSON.parse(text) as ErrorBody;
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 0);
  return body.error;
}

describe('reference service: the API contract for bad input', () => {
  let s: FixtureService;
  before(async () => {
    s = await startFixtureService({ MAX_BODY_BYTES: '65536' });
  });
  after(() => s.dispose());
  const predict = (body: unknown): Promise<Response> => postJson(`${s.url}/predict`, body);

  describe('400', () => {
    it('for malformed JSON', async () => {
      await expectError(await predict('{"text": '), 400, 'invalid_json');
    });
    it('for a body that is not an object', async () => {
      for (const body of ['"just a string"', '[1,2]', 'null', '42']) {
        const error = await expectError(await predict(body), 400, 'invalid_request');
        assert.equal(error.details?.[0]?.field, '(body)');
      }
    });
    it('for a missing text, naming the field', async () => {
      const error = await expectError(await predict({ txt: 'typo' }), 400, 'invalid_request');
      assert.deepEqual(error.details, [{ field: 'text', problem: 'is required' }]);
    });
    it('for a wrong-typed text, naming the type', async () => {
      const error = await expectError(await predict({ text: 42 }), 400, 'invalid_request');
      assert.deepEqual(error.details, [{ field: 'text', problem: 'must be a string, got number' }]);
    });
    it('for an empty text', async () => {
      await expectError(await predict({ text: '' }), 400, 'invalid_request');
    });
    it('listing every bad instance of a batch', async () => {
      const error = await expectError(await predict({ instances: [{ text: 'ok' }, { text: null }, 'bare', {}] }), 400, 'invalid_request');
      assert.deepEqual(
        error.details?.map((d) => d.field),
        ['instances[1].text', 'instances[2]', 'instances[3].text'],
      );
    });
    it('for an empty batch', async () => {
      const error = await expectError(await predict({ instances: [] }), 400, 'invalid_request');
      assert.equal(error.details?.[0]?.field, 'instances');
    });
    it('for text and instances together', async () => {
      await expectError(await predict({ text: 'a', instances: [{ text: 'b' }] }), 400, 'invalid_request');
    });
  });

  describe('413', () => {
    it('for a text over MAX_TEXT_CHARS', async () => {
      const error = await expectError(await predict({ text: 'x'.repeat(2001) }), 413, 'text_too_long');
      assert.equal(error.details?.[0]?.field, 'text');
    });
    it('for a batch text over MAX_TEXT_CHARS', async () => {
      const error = await expectError(await predict({ instances: [{ text: 'ok' }, { text: 'x'.repeat(2001) }] }), 413, 'text_too_long');
      assert.equal(error.details?.[0]?.field, 'instances[1].text');
    });
    it('for a batch over MAX_BATCH', async () => {
      await expectError(await predict({ instances: Array.from({ length: 11 }, () => ({ text: 'hi' })) }), 413, 'batch_too_large');
    });
    it('for a body over MAX_BODY_BYTES', async () => {
      await expectError(await predict({ text: 'x'.repeat(70_000) }), 413, 'payload_too_large');
    });
  });

  it('415 for a body that is not JSON', async () => {
    const res = await fetch(`${s.url}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=hi',
    });
    await expectError(res, 415, 'unsupported_media_type');
  });
  it('404 for an unknown route', async () => {
    await expectError(await fetch(`${s.url}/predictions`), 404, 'not_found');
  });
  it('405 for a wrong method', async () => {
    const res = await fetch(`${s.url}/predict`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.headers.get('allow'), 'POST');
    await expectError(res, 405, 'method_not_allowed');
  });

  describe('prototype pollution', () => {
    it('ignores __proto__ and constructor keys and pollutes nothing', async () => {
      const body = '{"text": "hello", "__proto__": {"polluted": "yes", "text": "evil"}, "constructor": {"prototype": {"polluted": "yes"}}}';
      const res = await predict(body);
      assert.equal(res.status, 200);
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
      assert.equal((Object.prototype as Record<string, unknown>)['polluted'], undefined);
    });
    it('does not take a text hidden in __proto__', async () => {
      const error = await expectError(await predict('{"__proto__": {"text": "evil"}}'), 400, 'invalid_request');
      assert.equal(error.details?.[0]?.field, 'text');
    });
    it('does not take instances hidden in __proto__', async () => {
      await expectError(await predict('{"instances": [{"__proto__": {"text": "evil"}}]}'), 400, 'invalid_request');
    });
  });

  it('survives the whole matrix: still ready, no 5xx counted', async () => {
    assert.equal((await fetch(`${s.url}/health/ready`)).status, 200);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    assert.doesNotMatch(metrics, /status_code="5\d\d"/);
  });
});
