import assert from 'node:assert/strict';
import pino from 'pino';
import { Counter } from 'prom-client';
import { createApp, type RouteMount } from './app';
import type { PredictionMetrics } from './contracts';
import { HttpError } from './errors';
import { holeDeps, LABS, withoutVersioning } from './holes';
import { start } from './server';
import { MemoryRegistry, TEST_CONFIG, fakeModel, postJson, silentLogger, startTestApp, workingDeps, type Started } from './testing';

/** Every error body has the contract's shape and leaks no stack trace. */
async function assertError(res: Response, status: number, code: string): Promise<{ code: string; message: string; details?: unknown }> {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const text = await res.text();
  assert.doesNotMatch(text, /\bat .+\(.+:\d+:\d+\)|node_modules|"stack"/, 'error body must not leak a stack trace');
  const body = JSON.parse(text) as { error: { code: string; message: string; details?: unknown } };
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0);
  return body.error;
}

describe('server template', () => {
  describe('with every hole open', () => {
    let s: Started;
    before(async () => {
      s = await startTestApp(holeDeps());
    });
    after(() => s.shutdown());

    it('is live but not ready, and says which lab loads the model', async () => {
      assert.equal((await fetch(`${s.url}/health/live`)).status, 200);
      const res = await fetch(`${s.url}/health/ready`);
      assert.equal(res.status, 503);
      assert.match(((await res.json()) as { reason: string }).reason, new RegExp(LABS.ship));
    });

    const cases: Array<[string, string, string]> = [
      ['POST', '/predict', LABS.ship],
      ['GET', '/models/current', LABS.ship],
      ['GET', '/models', LABS.ship],
      ['GET', '/monitoring/drift', LABS.ship],
      ['POST', '/admin/reload', LABS.version],
      ['POST', '/admin/rollback', LABS.version],
    ];
    for (const [method, path, lab] of cases) {
      it(`${method} ${path} answers 501 naming ${lab}`, async () => {
        const res = await fetch(`${s.url}${path}`, {
          method,
          headers: { 'content-type': 'application/json', authorization: 'Bearer test-admin-token-0123456789' },
          body: method === 'POST' ? '{"text": "hello"}' : undefined,
        });
        const error = await assertError(res, 501, 'not_implemented');
        assert.match(error.message, new RegExp(`^${lab}: not implemented`));
        assert.deepEqual(error.details, { lab });
      });
    }

    it('drift answers 501 naming lab 04 once a model is loaded', async () => {
      const t = await startTestApp(workingDeps());
      try {
        const error = await assertError(await fetch(`${t.url}/monitoring/drift`), 501, 'not_implemented');
        assert.match(error.message, new RegExp(LABS.monitor));
      } finally {
        await t.shutdown();
      }
    });

    it('after lab 01, predicts while reload still answers 501 naming lab 05', async () => {
      const t = await startTestApp(workingDeps({ models: withoutVersioning(new MemoryRegistry([fakeModel()])) }));
      try {
        assert.equal((await postJson(`${t.url}/predict`, { text: 'hi' })).status, 200);
        assert.deepEqual(await (await fetch(`${t.url}/models`)).json(), { name: 'spam', current: '1.0.0', versions: ['1.0.0'] });
        const res = await fetch(`${t.url}/admin/reload`, {
          method: 'POST',
          headers: { authorization: 'Bearer test-admin-token-0123456789' },
        });
        const error = await assertError(res, 501, 'not_implemented');
        assert.match(error.message, new RegExp(`^${LABS.version}`));
      } finally {
        await t.shutdown();
      }
    });

    it('turns a generated starter stub (plain Error) into 501 with its lab', async () => {
      const t = await startTestApp(
        workingDeps({
          predictor: {
            predict: () => {
              throw new Error('lab-01-ship-the-model: not implemented — call predictProba');
            },
          },
        }),
      );
      try {
        const error = await assertError(await postJson(`${t.url}/predict`, { text: 'x' }), 501, 'not_implemented');
        assert.deepEqual(error.details, { lab: 'lab-01-ship-the-model' });
      } finally {
        await t.shutdown();
      }
    });
  });

  describe('HTTP errors', () => {
    let s: Started;
    before(async () => {
      s = await startTestApp(workingDeps());
    });
    after(() => s.shutdown());

    it('answers 404 for an unknown route', async () => {
      await assertError(await fetch(`${s.url}/nope`), 404, 'not_found');
    });
    it('answers 405 with Allow for a known route and the wrong method', async () => {
      const res = await fetch(`${s.url}/predict`, { method: 'GET' });
      assert.equal(res.headers.get('allow'), 'POST');
      await assertError(res, 405, 'method_not_allowed');
      const del = await fetch(`${s.url}/health/live`, { method: 'DELETE' });
      assert.equal(del.headers.get('allow'), 'GET, HEAD');
      await assertError(del, 405, 'method_not_allowed');
    });
    it('answers 400 for malformed JSON', async () => {
      await assertError(await postJson(`${s.url}/predict`, '{"text": "unfinished'), 400, 'invalid_json');
    });
    it('answers 415 for a body that is not JSON', async () => {
      const res = await fetch(`${s.url}/predict`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Free money' });
      await assertError(res, 415, 'unsupported_media_type');
    });
    it('answers 413 for a body over MAX_BODY_BYTES', async () => {
      await assertError(await postJson(`${s.url}/predict`, { text: 'x'.repeat(5000) }), 413, 'payload_too_large');
    });
    it('answers 500 without details when a part fails unexpectedly', async () => {
      const t = await startTestApp(
        workingDeps({
          predictor: {
            predict: () => {
              throw new TypeError('boom at secret.ts:1:2');
            },
          },
        }),
      );
      try {
        const error = await assertError(await postJson(`${t.url}/predict`, { text: 'x' }), 500, 'internal');
        assert.doesNotMatch(error.message, /boom/);
      } finally {
        await t.shutdown();
      }
    });
    it('reuses a safe incoming request id and makes one otherwise', async () => {
      const res = await fetch(`${s.url}/health/live`, { headers: { 'x-request-id': 'abc-123' } });
      assert.equal(res.headers.get('x-request-id'), 'abc-123');
      const other = await fetch(`${s.url}/health/live`, { headers: { 'x-request-id': 'bad id\u00e9' } });
      assert.match(other.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    });
  });

  describe('health and prediction', () => {
    it('readiness is 503 until a model is loaded, then 200 with the model', async () => {
      const registry = new MemoryRegistry([fakeModel('2.0.0')], false);
      const s = await startTestApp(workingDeps({ models: registry }));
      try {
        assert.equal((await fetch(`${s.url}/health/ready`)).status, 503);
        await assertError(await postJson(`${s.url}/predict`, { text: 'x' }), 503, 'model_not_ready');
        await registry.load('2.0.0');
        const res = await fetch(`${s.url}/health/ready`);
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { status: 'ready', model: { name: 'spam', version: '2.0.0' } });
      } finally {
        await s.shutdown();
      }
    });

    it('predicts through the parts and names the model', async () => {
      const s = await startTestApp(workingDeps());
      try {
        const res = await postJson(`${s.url}/predict`, { text: 'Free money!!!' });
        assert.equal(res.status, 200);
        const body = (await res.json()) as { prediction: string; probability: number; model: unknown };
        assert.equal(body.prediction, 'spam');
        assert.equal(body.probability, fakeModel().predictProba(['Free money!!!'])[0]);
        assert.deepEqual(body.model, { name: 'spam', version: '1.0.0' });
      } finally {
        await s.shutdown();
      }
    });

    it('the drift gauge shows the score GET /monitoring/drift just computed, not an older cached one', async () => {
      let score = 0.1;
      const drift = { report: () => ({ score, window: 10, report: {} }) };
      const s = await startTestApp(workingDeps({ drift }));
      try {
        const gauge = async (): Promise<string | undefined> =>
          /^model_drift_score (\S+)$/m.exec(await (await fetch(`${s.url}/metrics`)).text())?.[1];
        assert.equal(await gauge(), '0.1');
        score = 0.7;
        assert.equal(await gauge(), '0.1', 'a scrape within the refresh interval reuses the last score');
        assert.equal(((await (await fetch(`${s.url}/monitoring/drift`)).json()) as { score: number }).score, 0.7);
        assert.equal(await gauge(), '0.7');
      } finally {
        await s.shutdown();
      }
    });

    describe("with a lab's own prediction metrics", () => {
      /** Counts predictions by model version on the registry it is given, and remembers what it saw. */
      function countingMetrics(seen: Array<{ version: string; probabilities: number[] }>): PredictionMetrics {
        return (registry) => {
          const counter = new Counter({
            name: 'lab_predictions_total',
            help: 'Predictions seen by the lab.',
            labelNames: ['model_version'] as const,
            registers: [registry],
          });
          return (model, predictions) => {
            seen.push({ version: model.version, probabilities: predictions.map((p) => p.probability) });
            counter.inc({ model_version: model.version }, predictions.length);
          };
        };
      }

      it('shows it every answered prediction with the model that made it, and /metrics serves its series', async () => {
        const seen: Array<{ version: string; probabilities: number[] }> = [];
        const models = new MemoryRegistry([fakeModel('1.0.0'), fakeModel('2.0.0')]);
        await models.load('1.0.0');
        const s = await startTestApp(workingDeps({ models, predictionMetrics: countingMetrics(seen) }));
        try {
          const first = (await (await postJson(`${s.url}/predict`, { text: 'Free money!!!' })).json()) as { probability: number };
          await models.load('2.0.0');
          const second = (await (await postJson(`${s.url}/predict`, { text: 'See you at lunch' })).json()) as { probability: number };
          assert.equal((await postJson(`${s.url}/predict`, { nope: 1 })).status, 400);
          assert.deepEqual(
            seen,
            [
              { version: '1.0.0', probabilities: [first.probability] },
              { version: '2.0.0', probabilities: [second.probability] },
            ],
            'one observation per answered request, none for the rejected one',
          );
          const text = await (await fetch(`${s.url}/metrics`)).text();
          assert.match(text, /^lab_predictions_total\{model_version="1\.0\.0"\} 1$/m);
          assert.match(text, /^lab_predictions_total\{model_version="2\.0\.0"\} 1$/m);
          assert.match(text, /^predictions_total\{class="spam"\} 1$/m, "the template's metrics are still there");
        } finally {
          await s.shutdown();
        }
      });

      it('gives each app its own registry, so two apps register the same metric name', async () => {
        const a = await startTestApp(workingDeps({ predictionMetrics: countingMetrics([]) }));
        const b = await startTestApp(workingDeps({ predictionMetrics: countingMetrics([]) }));
        try {
          await postJson(`${a.url}/predict`, { text: 'hi' });
          assert.match(await (await fetch(`${a.url}/metrics`)).text(), /^lab_predictions_total\{model_version="1\.0\.0"\} 1$/m);
          assert.doesNotMatch(await (await fetch(`${b.url}/metrics`)).text(), /^lab_predictions_total\{/m);
        } finally {
          await a.shutdown();
          await b.shutdown();
        }
      });

      it('does not hide an unfinished observer: /predict answers 501 naming its lab', async () => {
        const s = await startTestApp(
          workingDeps({
            predictionMetrics: () => () => {
              throw new Error(`${LABS.monitor}: not implemented — observe each probability`);
            },
          }),
        );
        try {
          const error = await assertError(await postJson(`${s.url}/predict`, { text: 'x' }), 501, 'not_implemented');
          assert.deepEqual(error.details, { lab: LABS.monitor });
        } finally {
          await s.shutdown();
        }
      });

      it("starts without them while they are a starter stub, and warns with the lab's hint", async () => {
        const lines: string[] = [];
        const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
        const stub: PredictionMetrics = () => {
          throw new Error(`${LABS.monitor}: not implemented — register a histogram`);
        };
        const s = await startTestApp(workingDeps({ predictionMetrics: stub }), {}, logger);
        try {
          assert.equal((await postJson(`${s.url}/predict`, { text: 'hi' })).status, 200);
          assert.equal(lines.length, 1);
          assert.match(lines[0] ?? '', new RegExp(`${LABS.monitor}: not implemented — register a histogram`));
        } finally {
          await s.shutdown();
        }
      });

      it('refuses to start when they fail for any other reason', () => {
        const broken: PredictionMetrics = () => {
          throw new Error('A metric with the name prediction_probability has already been registered.');
        };
        assert.throws(
          () => createApp(workingDeps({ predictionMetrics: broken }), { config: TEST_CONFIG, logger: silentLogger() }),
          /already been registered/,
        );
      });

      it("leaves /metrics to the template's own metrics when a lab adds none", async () => {
        const s = await startTestApp(workingDeps());
        try {
          await postJson(`${s.url}/predict`, { text: 'hi' });
          const names = new Set(
            (await (await fetch(`${s.url}/metrics`)).text())
              .split('\n')
              .filter((l) => l.startsWith('# TYPE '))
              .map((l) => l.split(' ')[2]),
          );
          assert.deepEqual([...names].sort(), [
            'admin_auth_failures_total',
            'http_errors_total',
            'http_request_duration_seconds',
            'model_drift_score',
            'model_info',
            'predictions_total',
          ]);
        } finally {
          await s.shutdown();
        }
      });
    });

    it('serves the web page with a strict content security policy', async () => {
      const s = await startTestApp(workingDeps());
      try {
        const res = await fetch(`${s.url}/`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /text\/html/);
        assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
        const html = await res.text();
        assert.match(html, /<form id="predict-form">/);
        assert.match(html, /<label for="text">/);
        assert.equal((await fetch(`${s.url}/app.js`)).status, 200);
      } finally {
        await s.shutdown();
      }
    });
  });

  describe("with a lab's own routes", () => {
    let s: Awaited<ReturnType<typeof start>>;
    before(async () => {
      const routes = (mount: RouteMount): void => {
        mount.post('/predict', (req, res) => {
          const text = (req.body as { text?: unknown }).text;
          if (typeof text !== 'string') throw new HttpError(400, 'invalid_request', 'send {"text"}', { field: 'text' });
          res.json({ mine: text });
        });
        mount.get('/lab/version', async (_req, _res) => {
          await Promise.resolve();
          throw new HttpError(404, 'version_not_found', 'no such version', { available: ['1.0.0'] });
        });
      };
      const service = createApp(workingDeps(), { config: TEST_CONFIG, logger: silentLogger(), routes });
      s = await start(service, { port: 0, host: '127.0.0.1', shutdownTimeoutMs: 5000 });
    });
    after(() => s.shutdown());

    it("answers POST /predict with the lab's route instead of the template's", async () => {
      const res = await postJson(`${s.url}/predict`, { text: 'hi' });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { mine: 'hi' });
    });

    it("sends the lab's HttpError, thrown sync or async, as the contract's JSON error", async () => {
      const sync = await assertError(await postJson(`${s.url}/predict`, { txt: 'hi' }), 400, 'invalid_request');
      assert.deepEqual(sync.details, { field: 'text' });
      const later = await assertError(await fetch(`${s.url}/lab/version`), 404, 'version_not_found');
      assert.deepEqual(later.details, { available: ['1.0.0'] });
    });

    it("parses the lab's POST bodies as the template does: malformed JSON is a 400 before the handler", async () => {
      await assertError(await postJson(`${s.url}/predict`, '{"text": '), 400, 'invalid_json');
    });

    it("puts the lab's paths in the 404/405 fallback", async () => {
      const res = await postJson(`${s.url}/lab/version`, {});
      await assertError(res, 405, 'method_not_allowed');
      assert.equal(res.headers.get('allow'), 'GET, HEAD');
      await assertError(await fetch(`${s.url}/lab/other`), 404, 'not_found');
    });
  });
});
