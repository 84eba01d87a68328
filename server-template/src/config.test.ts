import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ConfigError, loadConfig, repoRoot } from './config';

describe('loadConfig', () => {
  it('has safe defaults: loopback, port 3000, models/ and the log under .work/', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.modelsDir, path.join(repoRoot(), 'models'));
    assert.equal(c.modelName, 'spam');
    assert.equal(c.modelVersion, undefined);
    assert.equal(c.predictionLog, path.join(repoRoot(), '.work', 'predictions.sqlite'));
    assert.equal(c.adminToken, undefined);
    assert.ok(c.shutdownTimeoutMs < 10_000);
    assert.equal(c.drainDelayMs, 0, 'no load balancer to wait for outside production');
    assert.ok(
      c.requestTimeoutMs <= 30_000 && c.headersTimeoutMs <= c.requestTimeoutMs,
      'a slow client cannot hold a connection for minutes',
    );
  });

  it('in production waits a few seconds for load balancers, and still exits within 10 s', () => {
    const c = loadConfig({ NODE_ENV: 'production' });
    assert.ok(c.drainDelayMs >= 2_000 && c.drainDelayMs < c.shutdownTimeoutMs);
    assert.ok(c.shutdownTimeoutMs + 1_000 <= 10_000);
  });

  it('refuses a drain delay that leaves no time for in-flight requests', () => {
    assert.throws(() => loadConfig({ DRAIN_DELAY_MS: '5000', SHUTDOWN_TIMEOUT_MS: '5000' }), /DRAIN_DELAY_MS/);
    assert.throws(() => loadConfig({ HEADERS_TIMEOUT_MS: '20000', REQUEST_TIMEOUT_MS: '10000' }), /HEADERS_TIMEOUT_MS/);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      MODELS_DIR: '/srv/models',
      MODEL_NAME: 'spam',
      MODEL_VERSION: '1.2.0',
      PREDICTION_LOG: ':memory:',
      ADMIN_TOKEN: 'a-long-enough-token',
      LOG_LEVEL: 'warn',
      MAX_TEXT_CHARS: '50',
      MAX_BODY_BYTES: '2048',
      MAX_BATCH: '7',
      DRIFT_WINDOW: '100',
      SHUTDOWN_TIMEOUT_MS: '3000',
    });
    assert.deepEqual(
      [
        c.port,
        c.host,
        c.modelsDir,
        c.modelVersion,
        c.predictionLog,
        c.adminToken,
        c.logLevel,
        c.maxTextChars,
        c.maxBodyBytes,
        c.maxBatch,
        c.driftWindow,
        c.shutdownTimeoutMs,
      ],
      [8080, '0.0.0.0', path.resolve('/srv/models'), '1.2.0', ':memory:', 'a-long-enough-token', 'warn', 50, 2048, 7, 100, 3000],
    );
  });

  it('names every invalid variable in one error', () => {
    const err = (() => {
      try {
        loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', ADMIN_TOKEN: 'short', MODEL_VERSION: '../etc', MAX_BATCH: '0' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof ConfigError);
    assert.equal(err.problems.length, 5);
    for (const name of ['PORT', 'LOG_LEVEL', 'ADMIN_TOKEN', 'MODEL_VERSION', 'MAX_BATCH']) assert.match(err.message, new RegExp(name));
  });
});
