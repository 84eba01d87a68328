/** Instructor checks for lab 05's gate: its numbers measured here, a gain that is no evidence, no holdout, the latest version. */
import { expectClose, expectEqual, expectStatus } from '../../../grading/harness';
import {
  admin,
  answeringVersion,
  appCheck,
  appSocket,
  details,
  GATE_FILE,
  MARGINAL_THRESHOLD,
  reloadExpect,
  retrainedDir,
  VERSIONING,
} from '../grader/http';
import { COMMITTED, f1Of, holdoutPredictions, referenceGain } from './reference';

/** The gate's settings in the brief: 1,000 resamples, seed 0. */
const LAB_GATE = { resamples: 1000, seed: 0 };
/** Other settings, given to one app, so that a gate which drops them shows. */
const OTHER_GATE = { resamples: 200, seed: 11 };

describe('lab-05 instructor checks: gate', () => {
  appCheck(
    "a refusal's numbers are measured: with 1.1.0 live, 1.0.2 is refused with each model's holdout F1 at its own threshold and the gain under the gate's settings",
    2,
    `${GATE_FILE}: compareOnHoldout() — holdoutPredictions() of each model (its own threshold), pairedF1Gain(…, settings) with the settings holdoutGate was given`,
    async () => {
      const socket = await appSocket('gate-measured', { gate: OTHER_GATE });
      await reloadExpect(socket, '1.1.0', 200, undefined, 'your retrain');
      const got = details(await reloadExpect(socket, '1.0.2', 422, 'gate_failed', "1.0.0's weights at threshold 0.27, against 1.1.0"));
      const current = holdoutPredictions(await retrainedDir());
      const candidate = holdoutPredictions(COMMITTED, MARGINAL_THRESHOLD);
      expectClose(
        got['current'],
        f1Of(current.labels, current.pred),
        1e-9,
        "error.details.current (1.1.0's holdout F1 at its own threshold)",
      );
      expectClose(
        got['candidate'],
        f1Of(candidate.labels, candidate.pred),
        1e-9,
        "error.details.candidate (1.0.2's holdout F1 at its threshold, 0.27)",
      );
      const want = referenceGain(current.labels, current.pred, candidate.pred, OTHER_GATE);
      const gain = (got['gain'] ?? {}) as Record<string, unknown>;
      for (const k of ['estimate', 'low', 'high'] as const)
        expectClose(
          gain[k],
          want[k],
          1e-9,
          `error.details.gain.${k} (paired bootstrap with this app's settings: ${OTHER_GATE.resamples} resamples, seed ${OTHER_GATE.seed})`,
        );
    },
  );
  appCheck(
    'the gate refuses 1.0.2: a gain whose estimate is above 0 but whose interval reaches below 0 is no evidence',
    2,
    `${GATE_FILE}: compareOnHoldout() — promote on gain.low > 0, not on the estimate or on the two F1s`,
    async () => {
      const current = holdoutPredictions(COMMITTED);
      const candidate = holdoutPredictions(COMMITTED, MARGINAL_THRESHOLD);
      const gain = referenceGain(current.labels, current.pred, candidate.pred, LAB_GATE);
      if (!(gain.estimate > 0 && gain.low <= 0))
        throw new Error(`grader premise broken: 1.0.2's gain over 1.0.0 is ${JSON.stringify(gain)}`);
      const socket = await appSocket('gate-marginal');
      await reloadExpect(
        socket,
        '1.0.2',
        422,
        'gate_failed',
        `gain ${gain.estimate.toFixed(4)}, interval [${gain.low.toFixed(4)}, ${gain.high.toFixed(4)}]`,
      );
      expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after the refused reload');
    },
  );
  appCheck(
    'without a holdout the gate refuses: 503 gate_unavailable, 1.0.0 keeps answering and the history stays empty',
    1,
    `${GATE_FILE}: holdoutGate() — let holdout()'s error through; a gate that cannot measure must not promote`,
    async () => {
      const socket = await appSocket('no-holdout', { holdout: false });
      await reloadExpect(socket, '1.1.0', 503, 'gate_unavailable', 'the app has no holdout');
      expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after the refused reload');
      expectStatus(await admin(socket, 'rollback'), 409, 'POST /admin/rollback after the refused reload', 'nothing_to_roll_back');
    },
  );
  appCheck(
    'a reload without a version is gated too: the latest, 1.2.0 (weak weights, claiming F1 0.99), is refused',
    1,
    `${VERSIONING}: swapIn() asks the gate whichever version source.open() chose`,
    async () => {
      const versions = [{ version: '1.0.0' }, { version: '1.2.0', weights: 'weak', claimedF1: 0.99 }];
      const socket = await appSocket('latest-weak', { versions });
      await reloadExpect(socket, undefined, 422, 'gate_failed', 'the latest is 1.2.0, a weak model');
      expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after the refused reload');
    },
  );
});
