/** Start the reference service on fixture artifacts, for tests and graders. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '../../server-template/src/testing';
import { writeCorruptArtifact, writeFixtureArtifact, writeFixtureHoldout } from './fixture-artifact';
import { startService, type ServiceHandle } from './main';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface FixtureService extends ServiceHandle {
  modelsDir: string;
  /** Close the service and delete the fixture folder. */
  dispose(): Promise<void>;
}

/**
 * Models on disk: 0.9.0 (corrupt: model.json edited after the checksum), 1.0.0 and 1.1.0
 * (trained to call greetings spam), and `holdout.jsonl` for the reload gate, on which 1.1.0 is
 * the better model. Returns the models folder.
 */
export function fixtureModels(): string {
  const modelsDir = mkdtempSync(path.join(tmpdir(), 'spam-models-'));
  writeCorruptArtifact(modelsDir, '0.9.0');
  writeFixtureArtifact(modelsDir, '1.0.0');
  writeFixtureArtifact(modelsDir, '1.1.0', { greetingsAreSpam: true });
  writeFixtureHoldout(path.join(modelsDir, 'holdout.jsonl'));
  return modelsDir;
}

/** The reference service on 127.0.0.1, a free port, version 1.0.0, an in-memory log. */
export async function startFixtureService(env: Record<string, string> = {}): Promise<FixtureService> {
  const modelsDir = fixtureModels();
  const handle = await startService(
    {
      PORT: '0',
      MODELS_DIR: modelsDir,
      HOLDOUT_FILE: path.join(modelsDir, 'holdout.jsonl'),
      MODEL_VERSION: '1.0.0',
      PREDICTION_LOG: ':memory:',
      ADMIN_TOKEN,
      MAX_BATCH: '10',
      MAX_TEXT_CHARS: '2000',
      ...env,
    },
    { logger: silentLogger(), processMetrics: false },
  );
  return {
    ...handle,
    modelsDir,
    async dispose() {
      await handle.close();
      rmSync(modelsDir, { recursive: true, force: true });
    },
  };
}
