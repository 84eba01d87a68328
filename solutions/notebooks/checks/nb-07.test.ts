/**
 * Lesson 07's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import * as shown from '../../../notebooks/checks/nb-07';
import type { BadRequest, PredictReply, Reply } from '../../../notebooks/checks/nb-07';
import * as hidden from './nb-07';
import { assertStubFailsEveryCheck, failuresIn } from './meta';

type ReplyMistake = 'none' | 'fixed-version' | 'label-key' | 'raw-body' | 'status-201' | 'echoes-body';

/** The answer, with switches for common mistakes. */
function predictReply(mistake: ReplyMistake = 'none'): PredictReply {
  return (model, body) => {
    const parsed = JSON.parse(body) as { text: string };
    const p = model.predict(mistake === 'raw-body' ? body : parsed.text);
    const version = mistake === 'fixed-version' ? '1.0.0' : model.metadata.version;
    const json: Record<string, unknown> =
      mistake === 'label-key'
        ? { label: p.label, probability: p.probability, model: { name: model.metadata.name, version } }
        : { prediction: p.label, probability: p.probability, model: { name: model.metadata.name, version } };
    return { status: mistake === 'status-201' ? 201 : 200, json: mistake === 'echoes-body' ? { ...parsed, ...json } : json };
  };
}

type BadMistake = 'none' | 'throws-on-json' | 'any-type' | 'null-crash' | 'empty-ok' | 'one-code' | 'no-message';

function badRequest(mistake: BadMistake = 'none'): BadRequest {
  const error = (code: string, message: string): Reply => ({
    status: 400,
    json: { error: { code: mistake === 'one-code' ? 'bad_request' : code, ...(mistake === 'no-message' ? {} : { message }) } },
  });
  return (body) => {
    let parsed: unknown;
    if (mistake === 'throws-on-json') parsed = JSON.parse(body);
    else {
      try {
        parsed = JSON.parse(body);
      } catch (e) {
        return error('invalid_json', `Request body is not valid JSON: ${(e as Error).message}`);
      }
    }
    if (mistake !== 'null-crash' && (parsed === null || typeof parsed !== 'object'))
      return error('invalid_request', 'The body must be a JSON object.');
    const text = (parsed as { text?: unknown }).text;
    if (mistake === 'any-type' ? text === undefined : typeof text !== 'string') return error('invalid_request', '"text" must be a string.');
    if (mistake !== 'empty-ok' && text === '') return error('invalid_request', '"text" must not be empty.');
    return null;
  };
}

const failures = failuresIn(shown.exercises, hidden.exercises);

describe('lesson 07 exercise checks', () => {
  it('every public and hidden check passes on a right answer', () => {
    assert.deepEqual(failures('nb-07.1', { predictReply: predictReply() }), []);
    assert.deepEqual(failures('nb-07.2', { badRequest: badRequest() }), []);
  });

  for (const mistake of ['fixed-version', 'label-key', 'raw-body', 'status-201', 'echoes-body'] as const) {
    it(`nb-07.1 catches a reply with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-07.1', { predictReply: predictReply(mistake) }).length > 0);
    });
  }

  for (const mistake of ['throws-on-json', 'any-type', 'null-crash', 'empty-ok', 'one-code', 'no-message'] as const) {
    it(`nb-07.2 catches a validation with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-07.2', { badRequest: badRequest(mistake) }).length > 0);
    });
  }

  it('the public checks alone catch a crash on bad JSON and a wrong field name in the reply', () => {
    assert.ok(failures('nb-07.2', { badRequest: badRequest('throws-on-json') }, shown.exercises).length > 0);
    assert.ok(failures('nb-07.1', { predictReply: predictReply('label-key') }, shown.exercises).length > 0);
  });

  it('a stub fails every check with its own hint', () => {
    assertStubFailsEveryCheck(failures, 'nb-07.1', 'predictReply', shown.exercises[0]!.checks.length + hidden.exercises[0]!.checks.length);
  });
});
