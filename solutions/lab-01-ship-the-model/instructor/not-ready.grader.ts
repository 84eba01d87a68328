/**
 * Instructor checks for lab 01's route when no model answers: before the first load finishes and
 * after a first load that failed, a client must learn to retry (503 `model_not_ready`), not see a
 * crash (500) or wait for an answer that never comes.
 */
import { check, excerpt, requestJson, servedApp } from '../../../grading/harness';
import { APP, START_MS } from '../grader/http';

/** Two app starts and four requests; generous for a busy grading machine. */
const CHECK_MS = 90_000;

describe('lab-01 instructor checks: no model loaded', () => {
  check(
    'no model loaded (never loaded, or its load failed): POST /predict, single or batch, → 503 model_not_ready',
    1,
    'src/app.ts: handlePredict() — parts.models.current() is undefined: throw HttpError(503, "model_not_ready", …)',
    async () => {
      for (const noModel of ['not-loaded', 'load-failed'] as const) {
        const socket = await servedApp(APP, 'createLabApp', [{ noModel }], { startMs: START_MS, instance: `no model, ${noModel}` });
        const when = noModel === 'not-loaded' ? 'before any model is loaded' : 'after the only version failed its checksum';
        for (const body of [{ text: 'FREE money!!!' }, { instances: [{ text: 'lunch?' }, { text: 'FREE money!!!' }] }]) {
          const res = await requestJson<{ error?: { code?: unknown } }>(socket, 'POST', '/predict', body, { timeoutMs: 30_000 });
          if (res.status !== 503 || res.body.error?.code !== 'model_not_ready')
            throw new Error(
              `POST /predict ${JSON.stringify(body)} ${when}: expected 503 with error.code "model_not_ready", got ${res.status} ${excerpt(res)}`,
            );
        }
      }
    },
  ).timeout(CHECK_MS);
});
