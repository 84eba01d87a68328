/** Unit tests of each lab's part of the reference service (the HTTP tests are beside this file). */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { LoadedModel, ModelSource } from '../../server-template/src/contracts';
import { HttpError } from '../../server-template/src/errors';
import { fakeModel } from '../../server-template/src/testing';
import { compareVersions, DiskModelRegistry, listVersions } from '../lab-01-ship-the-model/src/registry';
import { toPrediction } from '../lab-01-ship-the-model/src/predict';
import { parsePredictBody } from '../lab-01-ship-the-model/src/request';
import { validatePredict } from '../lab-02-harden-the-api/src/validate';
import { SqlitePredictionLog } from '../lab-04-monitor/src/prediction-log';
import { bearerToken, tokensMatch } from '../lab-05-version-and-retrain/src/auth';
import { VersionedRegistry } from '../lab-05-version-and-retrain/src/versioning';
import { loadArtifact } from '../../mlkit/artifact';
import { writeFixtureArtifact } from './fixture-artifact';

function httpStatus(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof HttpError ? err.status : -1;
  }
  return undefined;
}

describe('lab 01: model registry on disk', () => {
  it('orders versions numerically', () => {
    assert.deepEqual(['1.10.0', '1.2.0', '1.9.1', '0.1'].sort(compareVersions), ['0.1', '1.2.0', '1.9.1', '1.10.0']);
  });

  it('lists version folders only, and none for a missing model', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spam-reg-'));
    try {
      for (const d of ['1.0.0', '1.10.0', '1.2.0', 'notes', '.tmp']) mkdirSync(path.join(dir, 'spam', d), { recursive: true });
      assert.deepEqual(await listVersions(dir, 'spam'), ['1.0.0', '1.2.0', '1.10.0']);
      assert.deepEqual(await listVersions(dir, 'other'), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads the latest version, and keeps the current one when a load fails', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spam-reg-'));
    try {
      writeFixtureArtifact(dir, '1.0.0');
      writeFixtureArtifact(dir, '1.1.0');
      const registry = new DiskModelRegistry({ modelsDir: dir, name: 'spam', openArtifact: loadArtifact });
      assert.equal(registry.current(), undefined);
      assert.equal((await registry.load()).info.version, '1.1.0');
      await assert.rejects(registry.load('2.0.0'), (e: unknown) => e instanceof HttpError && e.status === 404);
      assert.equal(registry.current()?.info.version, '1.1.0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads one text or a batch, and answers 400 otherwise', () => {
    assert.deepEqual(parsePredictBody({ text: 'hi' }), { kind: 'single', texts: ['hi'] });
    assert.deepEqual(parsePredictBody({ instances: [{ text: 'a' }, { text: 'b' }] }), { kind: 'batch', texts: ['a', 'b'] });
    for (const bad of [undefined, null, 'text', { text: 1 }, { instances: [] }, { instances: [{ text: 'a' }, {}] }]) {
      assert.equal(
        httpStatus(() => parsePredictBody(bad)),
        400,
        JSON.stringify(bad),
      );
    }
  });

  it('applies the threshold inclusively', () => {
    assert.equal(toPrediction(0.5, 0.5).prediction, 'spam');
    assert.equal(toPrediction(0.4999, 0.5).prediction, 'ham');
  });
});

describe('lab 02: request validation', () => {
  const limits = { maxTextChars: 10, maxBatch: 2 };
  it('accepts one text or a batch', () => {
    assert.deepEqual(validatePredict({ text: 'hi' }, limits), { kind: 'single', texts: ['hi'] });
    assert.deepEqual(validatePredict({ instances: [{ text: 'a' }, { text: 'b' }] }, limits), { kind: 'batch', texts: ['a', 'b'] });
  });
  it('answers 400 for shapes and 413 for sizes', () => {
    assert.equal(
      httpStatus(() => validatePredict(undefined, limits)),
      400,
    );
    assert.equal(
      httpStatus(() => validatePredict({ text: ['a'] }, limits)),
      400,
    );
    assert.equal(
      httpStatus(() => validatePredict({ instances: {} }, limits)),
      400,
    );
    assert.equal(
      httpStatus(() => validatePredict({ text: 'x'.repeat(11) }, limits)),
      413,
    );
    assert.equal(
      httpStatus(() => validatePredict({ instances: [{ text: 'a' }, { text: 'b' }, { text: 'c' }] }, limits)),
      413,
    );
  });
  it('never reads inherited fields', () => {
    const sneaky = Object.create({ text: 'inherited' }) as object;
    assert.equal(
      httpStatus(() => validatePredict(sneaky, limits)),
      400,
    );
  });
});

describe('lab 04: prediction log', () => {
  it('buffers writes and reads the newest first, features instead of text', () => {
    const log = new SqlitePredictionLog({ file: ':memory:', batchRows: 1000, flushIntervalMs: 60_000 });
    try {
      const model = { name: 'spam', version: '1.0.0' };
      log.record([{ ts: 1, model, text: 'first', prediction: 'ham', probability: 0.1 }]);
      log.record([{ ts: 2, model, text: 'SECOND!!!', prediction: 'spam', probability: 0.9 }]);
      const recent = log.recent(10);
      assert.deepEqual(
        recent.map((r) => r.ts),
        [2, 1],
      );
      assert.equal(recent[0].features['exclamations'], 3);
      assert.equal(JSON.stringify(recent).includes('SECOND'), false);
      assert.equal(log.count(), 2);
    } finally {
      log.close();
    }
  });
});

describe('lab 05: admin guard and versioning', () => {
  it('parses Bearer credentials and compares tokens', () => {
    assert.equal(bearerToken('Bearer abc'), 'abc');
    assert.equal(bearerToken('bearer abc'), 'abc');
    assert.equal(bearerToken('Basic abc'), undefined);
    assert.equal(bearerToken(undefined), undefined);
    assert.equal(tokensMatch('secret-token', 'secret-token'), true);
    assert.equal(tokensMatch('secret-tokeN', 'secret-token'), false);
    assert.equal(tokensMatch('short', 'secret-token'), false);
  });

  it('swaps, refuses a broken version without changing, and rolls back', async () => {
    const models: Record<string, LoadedModel> = { '1.0.0': fakeModel('1.0.0'), '1.1.0': fakeModel('1.1.0') };
    const source: ModelSource = {
      async open(version = '1.1.0') {
        if (version === 'broken') throw new Error('model.json does not match its sha256');
        const m = models[version];
        if (!m) throw new HttpError(404, 'version_not_found', version);
        return m;
      },
      async versions() {
        return Object.keys(models);
      },
    };
    const registry = new VersionedRegistry(source);
    await registry.load('1.0.0');
    assert.deepEqual(await registry.reload('1.1.0'), { previous: models['1.0.0'].info, current: models['1.1.0'].info });
    await assert.rejects(registry.reload('broken'), (e: unknown) => e instanceof HttpError && e.status === 422 && /sha256/.test(e.message));
    assert.equal(registry.current()?.info.version, '1.1.0');
    await registry.rollback();
    assert.equal(registry.current()?.info.version, '1.0.0');
    await assert.rejects(registry.rollback(), (e: unknown) => e instanceof HttpError && e.status === 409);
  });

  it('asks the evaluation gate before a swap, and keeps the current model when it refuses', async () => {
    const source: ModelSource = { open: async (v) => fakeModel(v ?? '2.0.0'), versions: async () => ['1.0.0', '2.0.0'] };
    const asked: string[] = [];
    const gate = {
      check: (current: LoadedModel, candidate: LoadedModel) => {
        asked.push(`${current.info.version} → ${candidate.info.version}`);
        throw new HttpError(422, 'gate_failed', 'not better');
      },
    };
    const registry = new VersionedRegistry(source, { gate });
    await registry.load('1.0.0');
    await assert.rejects(registry.reload(), (e: unknown) => e instanceof HttpError && e.code === 'gate_failed');
    assert.deepEqual(asked, ['1.0.0 → 2.0.0']);
    assert.equal(registry.current()?.info.version, '1.0.0');
  });
});
