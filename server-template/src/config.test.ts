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
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '8080', HOST: '0.0.0.0', MODELS_DIR: '/srv/models', MODEL_NAME: 'spam', MODEL_VERSION: '1.2.0',
      PREDICTION_LOG: ':memory:', ADMIN_TOKEN: 'a-long-enough-token', LOG_LEVEL: 'warn', MAX_TEXT_CHARS: '50',
      MAX_BODY_BYTES: '2048', MAX_BATCH: '7', DRIFT_WINDOW: '100', SHUTDOWN_TIMEOUT_MS: '3000',
    });
    assert.deepEqual(
      [c.port, c.host, c.modelsDir, c.modelVersion, c.predictionLog, c.adminToken, c.logLevel, c.maxTextChars, c.maxBodyBytes, c.maxBatch, c.driftWindow, c.shutdownTimeoutMs],
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
