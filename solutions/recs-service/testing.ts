/** The recommendation service on small fixture models, for tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AlsRecommender, type Interaction, PopularityRecommender, type Recommender, saveRecommender } from '../../mlkit/recsys';
import { silentLogger } from '../../server-template/src/testing';
import { startRecsService } from './main';
import type { ServiceHandle } from '../../server-template/src/bootstrap';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/**
 * 30 users and 40 items in two taste groups (users 1–15 touch items 1–20, users 16–30 items
 * 21–40), each user five items, so a model has something to learn and every user unseen items.
 */
export function fixtureInteractions(): Interaction[] {
  const out: Interaction[] = [];
  for (let user = 1; user <= 30; user++) {
    const group = user <= 15 ? 0 : 20;
    for (let n = 0; n < 5; n++) out.push({ user, item: group + 1 + ((user * 3 + n * 7) % 20), weight: 1 + (n % 3) });
  }
  return out;
}

function save(modelsDir: string, version: string, model: Recommender, catalogue: boolean): void {
  saveRecommender(modelsDir, 'recs', version, model, {
    created_at: '2010-06-01T00:00:00.000Z',
    training_data: {
      file: 'fixture',
      sha256: '0'.repeat(64),
      window: { from: '2010-01-01T00:00:00.000Z', to: '2010-06-01T00:00:00.000Z' },
      events: fixtureInteractions().length,
      users: 30,
      items: 40,
    },
    metrics: {},
    ...(catalogue ? { catalogue: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [String(i + 1), `Film ${i + 1}`])) } : {}),
  });
}

/** `models/recs/2010.4.0` (popularity, no titles) and `2010.5.0` (ALS with titles); returns the models folder. */
export function fixtureRecsModels(): string {
  const modelsDir = mkdtempSync(path.join(tmpdir(), 'recs-models-'));
  save(modelsDir, '2010.4.0', PopularityRecommender.fit(fixtureInteractions()), false);
  save(modelsDir, '2010.5.0', AlsRecommender.fit(fixtureInteractions(), { factors: 4, iterations: 5 }), true);
  return modelsDir;
}

export interface RecsFixture extends ServiceHandle {
  modelsDir: string;
  dispose(): Promise<void>;
}

/** The service on 127.0.0.1, a free port, the fixture models (latest: 2010.5.0), at most 5 users per batch. */
export async function startRecsFixture(env: Record<string, string> = {}): Promise<RecsFixture> {
  const modelsDir = fixtureRecsModels();
  const handle = await startRecsService(
    { PORT: '0', MODELS_DIR: modelsDir, ADMIN_TOKEN, MAX_BATCH: '5', ...env },
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
