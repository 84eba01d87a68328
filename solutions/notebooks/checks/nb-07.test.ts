/**
 * Lesson 07's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as shown from '../../../notebooks/checks/nb-07';
import type { BadRequest, CreatePredictServer, PredictReply, Reply } from '../../../notebooks/checks/nb-07';
import * as hidden from './nb-07';
import { assertStubFailsEveryCheck, assertStubFailsEveryCheckEventually, eventualFailuresIn, failuresIn } from './meta';

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

type ServerMistake = 'none' | 'text-plain' | 'no-validation' | 'fixed-model' | 'any-route' | 'first-chunk' | 'never-ends';

/** The lesson's server, with switches for common mistakes; `servers` collects what it built. */
function createPredictServer(mistake: ServerMistake = 'none', servers: http.Server[] = []): CreatePredictServer {
  const reply = predictReply();
  const bad = badRequest();
  return (model) => {
    const server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      if (mistake === 'first-chunk') req.once('data', (chunk: string) => (body = chunk));
      else req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        if (mistake === 'never-ends') return;
        const route = mistake === 'any-route' || (req.method === 'POST' && req.url === '/predict');
        const answering = mistake === 'fixed-model' ? shown.FAKE : model;
        let out: Reply;
        try {
          out = route
            ? ((mistake === 'no-validation' ? null : bad(body)) ?? reply(answering, body))
            : { status: 404, json: { error: { code: 'not_found', message: `No endpoint ${req.method} ${req.url}.` } } };
        } catch {
          // What an unvalidated JSON.parse does to a real server: the request dies unanswered.
          res.destroy();
          return;
        }
        res.writeHead(out.status, { 'content-type': mistake === 'text-plain' ? 'text/plain' : 'application/json; charset=utf-8' });
        res.end(JSON.stringify(out.json));
      });
    });
    servers.push(server);
    return server;
  };
}

const failures = failuresIn(shown.exercises, hidden.exercises);
const eventualFailures = eventualFailuresIn(shown.exercises, hidden.exercises);
const checkName = (line: string): string => line.replace(/^✗ /, '').replace(/: (expected|not implemented|got) [\s\S]*$/, '');

describe('lesson 07 exercise checks', () => {
  it('every public and hidden check passes on a right answer', async () => {
    assert.deepEqual(failures('nb-07.1', { predictReply: predictReply() }), []);
    assert.deepEqual(failures('nb-07.2', { badRequest: badRequest() }), []);
    assert.deepEqual(await eventualFailures('nb-07.3', { createPredictServer: createPredictServer() }), []);
  });

  it('nb-07.3 closes every server it started', async () => {
    const servers: http.Server[] = [];
    await eventualFailures('nb-07.3', { createPredictServer: createPredictServer('none', servers) });
    assert.equal(servers.length, shown.exercises[2]!.checks.length + hidden.exercises[2]!.checks.length);
    assert.deepEqual(
      servers.map((s) => s.listening),
      servers.map(() => false),
    );
  });

  // Each mistake is caught by one check exactly: none of the five is there for nothing.
  const caughtBy: Record<Exclude<ServerMistake, 'none' | 'never-ends'>, string> = {
    'text-plain': "POST /predict over HTTP: 200 with the model's answer, sent as application/json",
    'no-validation': 'POST /predict with a body that is not JSON: 400 invalid_json, and the server still answers',
    'fixed-model': 'another model: its own prediction, name and version',
    'any-route': 'GET /predict and POST /other: 404 not_found',
    'first-chunk': 'a 180 kB message, which arrives in several pieces',
  };
  for (const [mistake, check] of Object.entries(caughtBy)) {
    it(`nb-07.3 catches a server with the mistake "${mistake}" in "${check}" alone`, async () => {
      const lines = await eventualFailures('nb-07.3', { createPredictServer: createPredictServer(mistake as ServerMistake) });
      assert.deepEqual(lines.map(checkName), [check]);
    });
  }

  it('nb-07.3 gives up on a server that never answers within its time limit, and closes it', async () => {
    const servers: http.Server[] = [];
    const started = Date.now();
    const lines = await eventualFailures('nb-07.3', { createPredictServer: createPredictServer('never-ends', servers) }, shown.exercises);
    assert.equal(lines.length, 2);
    for (const line of lines) assert.match(line, /POST \/predict: no answer within the check's time/);
    assert.ok(Date.now() - started < 2 * 6000 + 1000, `took ${Date.now() - started} ms`);
    assert.ok(servers.every((s) => !s.listening));
  });

  it('nb-07.3 says what is wrong when the function returns an app, or a server an earlier cell started', async () => {
    const [app] = await eventualFailures(
      'nb-07.3',
      { createPredictServer: () => (_req: unknown, _res: unknown) => undefined },
      shown.exercises,
    );
    assert.match(app!, /expected a server from http\.createServer\(…\), got a function/);
    const running = createPredictServer()(shown.FAKE);
    await new Promise<void>((resolve) => running.listen(0, '127.0.0.1', () => resolve()));
    try {
      const [first] = await eventualFailures('nb-07.3', { createPredictServer: () => running }, shown.exercises);
      assert.match(first!, /already listening: return it without calling listen\(\)/);
    } finally {
      running.close();
    }
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

  it('a stub fails every check with its own hint', async () => {
    assertStubFailsEveryCheck(failures, 'nb-07.1', 'predictReply', shown.exercises[0]!.checks.length + hidden.exercises[0]!.checks.length);
    const serverChecks = shown.exercises[2]!.checks.length + hidden.exercises[2]!.checks.length;
    await assertStubFailsEveryCheckEventually(eventualFailures, 'nb-07.3', 'createPredictServer', serverChecks);
  });
});
