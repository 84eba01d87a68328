import assert from 'node:assert/strict';
import { Counter } from 'prom-client';
import { createApp } from '../../../server-template/src/app';
import type { LoggedPrediction, PredictionLog, PredictionMetrics } from '../../../server-template/src/contracts';
import { holeDeps, holePredictionLog, withoutVersioning } from '../../../server-template/src/holes';
import { start, type RunningServer } from '../../../server-template/src/server';
import { fakeModel, MemoryRegistry, postJson, silentLogger, TEST_CONFIG } from '../../../server-template/src/testing';
import type { AnsweredRequest, RequestValidator } from '../../../server-template/src/contracts';
import { HttpError } from '../../../server-template/src/errors';
import { labRoutes, requestLimits } from './app';
import { basicValidator } from './request';

/** A prediction log that keeps what it is given, so the test can read it back. */
function memoryLog(): PredictionLog & { rows: LoggedPrediction[] } {
  const rows: LoggedPrediction[] = [];
  return { ...holePredictionLog, rows, record: (r) => void rows.push(...r) };
}

/** `predictions_total{class="…"}` as /metrics shows it (0 when the series is absent). */
function predictionsTotal(metricsText: string, cls: 'spam' | 'ham'): number {
  const line = metricsText.split('\n').find((l) => l.startsWith(`predictions_total{class="${cls}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe("lab 01's POST /predict on the template", () => {
  let server: RunningServer;
  let url = '';
  const log = memoryLog();
  const labSeen: string[] = [];

  before(async () => {
    const models = new MemoryRegistry([fakeModel('0.4.0')]);
    // A lab's own prediction metrics (lab 04's), to show the route's traffic reaches them too.
    const predictionMetrics: PredictionMetrics = (registry) => {
      const seen = new Counter({ name: 'lab_seen_total', help: 'predictions the lab saw', registers: [registry] });
      return (_model, predictions) => {
        seen.inc(predictions.length);
        labSeen.push(...predictions.map((p) => p.prediction));
      };
    };
    const deps = holeDeps({ models: withoutVersioning(models), predictionLog: log, predictionMetrics });
    const service = createApp(deps, {
      config: TEST_CONFIG,
      logger: silentLogger(),
      routes: labRoutes({ models, validator: basicValidator, limits: requestLimits(TEST_CONFIG) }),
    });
    server = await start(service, { port: 0, host: '127.0.0.1', shutdownTimeoutMs: 5000 });
    url = server.url;
  });
  after(() => server.shutdown());

  describe('after a single and a batch request', () => {
    before(async () => {
      assert.equal((await postJson(`${url}/predict`, { text: 'FREE money!!!' })).status, 200);
      const batch = await postJson(`${url}/predict`, { instances: [{ text: 'lunch at noon?' }, { text: 'free free money' }] });
      assert.equal(batch.status, 200);
    });

    it('counts every prediction in /metrics by class, as the template route does', async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      assert.equal(predictionsTotal(text, 'spam'), 2, text);
      assert.equal(predictionsTotal(text, 'ham'), 1, text);
      assert.match(text, /^lab_seen_total 3$/m, "the lab's own prediction metrics see the route's predictions");
    });

    it('writes one prediction-log row per text, with the answering model, in order', () => {
      assert.deepEqual(
        log.rows.map((r) => [r.text, r.prediction, r.model.version]),
        [
          ['FREE money!!!', 'spam', '0.4.0'],
          ['lunch at noon?', 'ham', '0.4.0'],
          ['free free money', 'spam', '0.4.0'],
        ],
      );
      assert.ok(log.rows.every((r) => r.probability >= 0 && r.probability <= 1 && Number.isFinite(r.ts)));
      assert.deepEqual(labSeen, ['spam', 'ham', 'spam']);
    });
  });

  it('records nothing for a request it refuses', async () => {
    const before = log.rows.length;
    assert.equal((await postJson(`${url}/predict`, { txt: 'hi' })).status, 400);
    assert.equal(log.rows.length, before);
  });

  describe('with a validator of a later lab', () => {
    let other: RunningServer;
    const limitsSeen: unknown[] = [];
    before(async () => {
      const models = new MemoryRegistry([fakeModel('0.4.0')]);
      // Refuses any text longer than its limit, as lab 02's does with a 413.
      const validator: RequestValidator = {
        parsePredict(body, limits) {
          limitsSeen.push(limits);
          const text = (body as { text?: unknown }).text;
          if (typeof text !== 'string' || text.length > limits.maxTextChars)
            throw new HttpError(413, 'text_too_long', 'text is too long', [{ field: 'text', problem: 'too long' }]);
          return { kind: 'single', texts: [text] };
        },
      };
      const limits = { ...requestLimits(TEST_CONFIG), maxTextChars: 5 };
      const service = createApp(holeDeps({ models: withoutVersioning(models) }), {
        config: TEST_CONFIG,
        logger: silentLogger(),
        routes: labRoutes({ models, validator, limits }),
      });
      other = await start(service, { port: 0, host: '127.0.0.1', shutdownTimeoutMs: 5000 });
    });
    after(() => other.shutdown());

    it('reads the body with that validator and its limits, and sends its HttpError as the contract says', async () => {
      const ok = await postJson(`${other.url}/predict`, { text: 'free!' });
      assert.equal(ok.status, 200);
      const refused = await postJson(`${other.url}/predict`, { text: 'free money' });
      assert.equal(refused.status, 413);
      assert.deepEqual(await refused.json(), {
        error: { code: 'text_too_long', message: 'text is too long', details: [{ field: 'text', problem: 'too long' }] },
      });
      assert.deepEqual(
        limitsSeen.map((l) => (l as { maxTextChars: number }).maxTextChars),
        [5, 5],
      );
    });
  });

  describe('over a release registry (a canary answers some users, a shadow sees every answer)', () => {
    let release: RunningServer;
    const answered: AnsweredRequest[] = [];
    const chosenFor: string[][] = [];
    before(async () => {
      const stable = fakeModel('1.0.0');
      const candidate = fakeModel('1.1.0');
      const models = {
        current: () => stable,
        modelFor: (texts: readonly string[], origin: { userId?: string }) => {
          chosenFor.push([...texts]);
          return origin.userId === 'canary-user' ? candidate : stable;
        },
        answered: (request: AnsweredRequest) => void answered.push(request),
      };
      const service = createApp(holeDeps({ models: withoutVersioning(new MemoryRegistry([stable])) }), {
        config: TEST_CONFIG,
        logger: silentLogger(),
        routes: labRoutes({ models, validator: basicValidator, limits: requestLimits(TEST_CONFIG) }),
      });
      release = await start(service, { port: 0, host: '127.0.0.1', shutdownTimeoutMs: 5000 });
    });
    after(() => release.shutdown());

    it('answers with the model the release picks for the request’s texts and X-User-Id, and shows it every answer', async () => {
      const canary = await postJson(`${release.url}/predict`, { text: 'free money' }, { 'x-user-id': 'canary-user' });
      assert.equal(((await canary.json()) as { model: { version: string } }).model.version, '1.1.0');
      const other = await postJson(`${release.url}/predict`, { instances: [{ text: 'hi' }, { text: 'free!' }] });
      assert.equal(((await other.json()) as { model: { version: string } }).model.version, '1.0.0');
      assert.deepEqual(chosenFor, [['free money'], ['hi', 'free!']]);
      assert.deepEqual(
        answered.map((a) => [a.model.info.version, [...a.texts], a.predictions.length, a.origin.userId]),
        [
          ['1.1.0', ['free money'], 1, 'canary-user'],
          ['1.0.0', ['hi', 'free!'], 2, undefined],
        ],
      );
    });

    it('shows the release nothing for a request it refuses', async () => {
      const before = answered.length;
      assert.equal((await postJson(`${release.url}/predict`, { txt: 'hi' })).status, 400);
      assert.equal(answered.length, before);
    });
  });
});
