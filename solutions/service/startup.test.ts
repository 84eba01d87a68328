import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeCorruptArtifact } from './fixture-artifact';

const MAIN = path.join(__dirname, 'main.ts');

/** Run `npm run serve`'s entry with `env`; it must fail fast, so a bounded timeout is plenty. */
function serve(env: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', MAIN], {
    env: { ...process.env, PORT: '0', PREDICTION_LOG: ':memory:', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('reference service: start-up errors', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'spam-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 with a clear message when no model is on disk', () => {
    const { status, stderr } = serve({ MODELS_DIR: dir });
    assert.equal(status, 1);
    assert.match(stderr, /No versions of model "spam"/);
    assert.match(stderr, /npm run train/);
    assert.doesNotMatch(stderr, /^\s+at /m);
  });

  it('exits 1 naming the corrupt file', () => {
    writeCorruptArtifact(dir, '1.0.0');
    const { status, stderr } = serve({ MODELS_DIR: dir });
    assert.equal(status, 1);
    assert.match(stderr, /model\.json/);
    assert.doesNotMatch(stderr, /^\s+at /m);
  });

  it('exits 1 listing invalid configuration', () => {
    const { status, stderr } = serve({ MODELS_DIR: dir, PORT: 'abc', LOG_LEVEL: 'loud' });
    assert.equal(status, 1);
    assert.match(stderr, /PORT must be an integer/);
    assert.match(stderr, /LOG_LEVEL must be one of/);
    assert.doesNotMatch(stderr, /^\s+at /m);
  });
});
