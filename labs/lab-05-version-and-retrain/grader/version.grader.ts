/** Public checks for lab 05: run them with `npm run check -- lab-05`. */
import { loadArtifact } from '../../../mlkit/artifact';
import { check, expectClose, expectEqual, expectStatus, submission } from '../../../grading/harness';
import { expectedTrainingData, measuredTestMetrics } from './expected';
import {
  admin,
  answeringVersion,
  appCheck,
  appSocket,
  AUTH,
  GATE_FILE,
  reloadExpect,
  retrainedDir,
  RETRAIN,
  send,
  TOKEN,
  VERSIONING,
} from './http';

const fn = (file: string, name: string, ...args: unknown[]): Promise<unknown> => submission().call(file, name, args);

/** 40 rows: the candidate fixes 3 of the current model's 5 misses and adds 1 false alarm. */
const LABELS = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 1 : 0));
const CURRENT = LABELS.map((y, i) => (y === 1 && i < 20 ? 0 : y));
const CANDIDATE = CURRENT.map((p, i) => (i === 0 || i === 4 || i === 8 ? 1 : i === 1 ? 1 : p));

/**
 * The paired-bootstrap gain of CANDIDATE over CURRENT on LABELS with `{ resamples: 200, seed: 7 }`,
 * as the toolkit's bootstrapCI over the row indices gives it (recorded once, so the public
 * checks do not spell out the algorithm the learner writes).
 */
const REFERENCE_GAIN = { estimate: 0.17543859649122806, low: -0.08624999999999994, high: 0.4670879120879122 };

describe('lab-05 public checks', () => {
  check('bearerToken reads "Bearer <token>", any case; anything else is no token', 2, `${AUTH}: bearerToken()`, async () => {
    expectEqual(await fn(AUTH, 'bearerToken', 'Bearer abc123'), 'abc123', 'bearerToken("Bearer abc123")');
    expectEqual(await fn(AUTH, 'bearerToken', 'bearer abc123'), 'abc123', 'bearerToken("bearer abc123")');
    for (const header of ['Basic abc123', '', 'abc123']) {
      const got = await fn(AUTH, 'bearerToken', header);
      if (got !== undefined && got !== null)
        throw new Error(`bearerToken(${JSON.stringify(header)}): expected undefined, got ${JSON.stringify(got)}`);
    }
  });
  check(
    'tokensMatch: equal tokens match; a wrong or shorter one does not (and does not throw)',
    2,
    `${AUTH}: tokensMatch() — hash both, then timingSafeEqual`,
    async () => {
      expectEqual(await fn(AUTH, 'tokensMatch', TOKEN, TOKEN), true, 'tokensMatch(token, token)');
      expectEqual(await fn(AUTH, 'tokensMatch', TOKEN.replace(/9$/, '8'), TOKEN), false, 'tokensMatch(last character wrong)');
      expectEqual(await fn(AUTH, 'tokensMatch', 'short', TOKEN), false, 'tokensMatch("short", token)');
    },
  );
  appCheck(
    'POST /admin/reload: no token → 401 with WWW-Authenticate, a wrong token → 403',
    2,
    `${AUTH}: bearerGuard uses bearerToken() and tokensMatch()`,
    async () => {
      const socket = await appSocket('guard');
      const none = await send(socket, 'POST', '/admin/reload', { version: '1.1.0' });
      expectStatus(none, 401, 'POST /admin/reload without Authorization', 'unauthorized');
      if (!String(none.headers['www-authenticate'] ?? '').startsWith('Bearer'))
        throw new Error(`expected a WWW-Authenticate: Bearer header on the 401, got ${JSON.stringify(none.headers['www-authenticate'])}`);
      expectStatus(
        await send(socket, 'POST', '/admin/reload', { version: '1.1.0' }, 'Bearer wrong-token'),
        403,
        'POST /admin/reload with a wrong token',
        'forbidden',
      );
      expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after refused reloads');
    },
  );
  appCheck(
    'retrain writes a version the toolkit loads (checksums verified), naming each data file by sha256 and counts',
    3,
    `${RETRAIN}: retrainRows(), dataEntry(), retrain() — saveArtifact writes the checksums`,
    async () => {
      const dir = await retrainedDir();
      let metadata: Record<string, unknown>;
      try {
        metadata = loadArtifact(dir).metadata;
      } catch (err) {
        throw new Error(
          `loadArtifact(${JSON.stringify(dir)}) failed: ${err instanceof Error ? err.message : String(err)} — save the model with saveArtifact`,
        );
      }
      expectEqual(metadata['version'], '1.1.0', 'metadata.version');
      expectEqual(
        metadata['training_data'],
        expectedTrainingData(),
        'metadata.training_data (train, the first 3/4 of the labelled half, validation, its last 1/4 — never the holdout half)',
      );
    },
  );
  appCheck(
    "retrain's recorded test metrics are the saved model's own, at its chosen threshold",
    2,
    `${RETRAIN}: retrain() — evaluateScores(labels, scores, model.threshold) on period 1's test split`,
    async () => {
      const dir = await retrainedDir();
      const recorded =
        (
          (loadArtifact(dir).metadata as Record<string, unknown>)['metrics'] as
            | Record<string, Record<string, unknown> | undefined>
            | undefined
        )?.['test'] ?? {};
      const measured = measuredTestMetrics(dir);
      expectClose(
        recorded['threshold'],
        measured.threshold,
        1e-12,
        "metadata.metrics.test.threshold (the threshold the metrics were measured at: the model's own)",
      );
      for (const m of ['precision', 'recall', 'f1'] as const)
        expectClose(
          recorded[m],
          measured[m],
          1e-9,
          `metadata.metrics.test.${m} (measured here: ${measured[m].toFixed(4)} at threshold ${measured.threshold.toFixed(4)})`,
        );
    },
  );
  appCheck(
    'reload 1.1.0 (your retrain, better on the holdout): answers {previous, current}, then /predict answers with 1.1.0',
    3,
    `${VERSIONING}: VersionedRegistry.swapIn(); ${GATE_FILE}: compareOnHoldout() promotes a real gain`,
    async () => {
      const socket = await appSocket('reload');
      const res = await reloadExpect(socket, '1.1.0', 200);
      expectEqual(
        res.body,
        { previous: { name: 'spam', version: '1.0.0' }, current: { name: 'spam', version: '1.1.0' } },
        'the reload answer',
      );
      expectEqual(await answeringVersion(socket), '1.1.0', 'the version answering /predict after the reload');
    },
  );
  appCheck(
    'rollback returns to 1.0.0; with nothing left to roll back → 409',
    3,
    `${VERSIONING}: VersionedRegistry.swapBack()`,
    async () => {
      const socket = await appSocket('rollback');
      await reloadExpect(socket, '1.1.0', 200);
      const back = await admin(socket, 'rollback');
      expectStatus(back, 200, 'POST /admin/rollback');
      expectEqual(back.body['current'], { name: 'spam', version: '1.0.0' }, 'the rollback answer\'s "current"');
      expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after the rollback');
      expectStatus(await admin(socket, 'rollback'), 409, 'a second POST /admin/rollback', 'nothing_to_roll_back');
    },
  );
  appCheck(
    'the gate refuses 1.2.0, whose metadata claims F1 0.99 but whose weights are worse on the holdout: 422; 1.0.0 keeps answering',
    3,
    `${GATE_FILE}: compareOnHoldout() measures both models on the holdout and never reads candidate.metadata`,
    async () => {
      const socket = await appSocket('gate');
      await reloadExpect(socket, '1.2.0', 422, 'gate_failed', 'weak weights, metadata claiming F1 0.99');
      expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after the refused reload');
    },
  );
  check(
    'pairedF1Gain: F1(candidate) − F1(current) with a seeded paired-bootstrap interval',
    2,
    `${GATE_FILE}: pairedF1Gain() — bootstrapCI over the row indices, with the settings given`,
    async () => {
      const settings = { resamples: 200, seed: 7 };
      const got = (await fn(GATE_FILE, 'pairedF1Gain', LABELS, CURRENT, CANDIDATE, settings)) as Record<string, unknown>;
      const want = REFERENCE_GAIN;
      expectClose(got?.['estimate'], want.estimate, 1e-9, 'estimate (F1 of the candidate minus F1 of the current model, all 40 rows)');
      expectClose(
        got?.['low'],
        want.low,
        1e-9,
        `low with seed 7, 200 resamples (bootstrapCI over the row indices gives ${want.low.toFixed(4)})`,
      );
      expectClose(got?.['high'], want.high, 1e-9, 'high with seed 7, 200 resamples');
      expectEqual(
        await fn(GATE_FILE, 'pairedF1Gain', LABELS, CURRENT, CANDIDATE, settings),
        got,
        'a second call with the same seed (the verdict must be reproducible)',
      );
      expectEqual(
        await fn(GATE_FILE, 'pairedF1Gain', LABELS, CURRENT, CURRENT, settings),
        { estimate: 0, low: 0, high: 0 },
        'the gain of a model over itself (paired: each resample scores both on the same rows)',
      );
    },
  );
});
