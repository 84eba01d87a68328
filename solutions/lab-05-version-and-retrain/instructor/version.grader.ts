/** Instructor checks for lab 05: the gate's numbers and edges, failed loads, lifecycles, hot swap under load, guard edge cases. */
import { excerpt, expectClose, expectEqual, expectStatus, type JsonResponse } from '../../../grading/harness';
import { committedHoldoutF1, holdoutRows } from '../grader/expected';
import {
  admin,
  answeringVersion,
  appCheck,
  appSocket,
  AUTH,
  details,
  GATE_FILE,
  ORDERED,
  reloadExpect,
  send,
  VERSIONING,
} from '../grader/http';

/** Bounded: ROUNDS × PARALLEL requests, each with the per-request time limit of `send`. */
const ROUNDS = 60;
const PARALLEL = 4;

async function rollbackTo(socket: string, version: string, what: string): Promise<void> {
  const res = await admin(socket, 'rollback');
  expectStatus(res, 200, what);
  expectEqual(res.body['current'], { name: 'spam', version }, `${what}: the answer's "current"`);
  expectEqual(await answeringVersion(socket), version, `the version answering after ${what}`);
}

describe('lab-05 instructor checks', () => {
  appCheck(
    "the gate's refusal names its numbers: details hold the holdout F1 of both models and the gain's interval, the same on a second try",
    1,
    `${GATE_FILE}: compareOnHoldout() — currentF1, candidateF1 and gain of the verdict`,
    async () => {
      // Measured before any request: a long computation between two requests would let the app
      // close the idle keep-alive connection the next request is about to reuse.
      const [rows, committedF1] = [holdoutRows(), committedHoldoutF1()];
      const socket = await appSocket('gate-details');
      const first = details(await reloadExpect(socket, '1.2.1', 422, 'gate_failed', 'a weak model'));
      expectEqual(first['metric'], 'f1', 'error.details.metric');
      expectEqual(first['holdout_rows'], rows, 'error.details.holdout_rows (the second half of period 2)');
      expectClose(first['current'], committedF1, 1e-9, "error.details.current (1.0.0's F1 on the holdout, measured here)");
      const gain = (first['gain'] ?? {}) as Record<string, number>;
      expectClose(
        gain['estimate'],
        Number(first['candidate']) - Number(first['current']),
        1e-9,
        'error.details.gain.estimate (candidate − current)',
      );
      if (!(gain['low'] <= gain['estimate'] && gain['estimate'] <= gain['high'] && gain['high'] < 0))
        throw new Error(`expected low ≤ estimate ≤ high < 0 for a weak candidate, got ${JSON.stringify(gain)}`);
      expectEqual(
        details(await reloadExpect(socket, '1.2.1', 422, 'gate_failed', 'the same candidate again'))['gain'],
        first['gain'],
        'the gain interval of a second, identical evaluation (seeded bootstrap)',
      );
    },
  );
  appCheck(
    'the gate refuses 1.0.1, the same weights as 1.0.0 (a gain of exactly 0 is no evidence), whatever its metadata claims',
    2,
    `${GATE_FILE}: compareOnHoldout() — promote only when gain.low > 0, strictly`,
    async () => {
      const socket = await appSocket('gate-equal');
      await reloadExpect(socket, '1.0.1', 422, 'gate_failed', "1.0.0's weights, metadata claiming F1 0.97");
      expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after the refused reload');
    },
  );
  appCheck(
    'the gate accepts 1.4.0, your retrain with metadata claiming F1 0.5: only the holdout counts',
    1,
    `${VERSIONING}: swapIn() asks options.gate only — no metadata floor besides it`,
    async () => {
      const socket = await appSocket('gate-undersold');
      await reloadExpect(socket, '1.4.0', 200, undefined, 'your retrain, metadata claiming F1 0.5');
      expectEqual(await answeringVersion(socket), '1.4.0', 'the version answering after the reload');
    },
  );
  appCheck(
    'a corrupt version (checksum) → 422 model_load_failed naming the checksum; the old model keeps answering and the service stays ready',
    2,
    `${VERSIONING}: swapIn() swaps only after open() succeeded, and keeps the loader's reason`,
    async () => {
      const socket = await appSocket('corrupt');
      const res = await reloadExpect(socket, '1.3.0', 422, 'model_load_failed', 'corrupt model.json');
      const message = String((res.body['error'] as { message?: unknown } | undefined)?.message ?? '');
      if (!/sha256|checksum/i.test(message))
        throw new Error(`expected the error message to name the failed checksum (sha256), got ${JSON.stringify(message)}`);
      expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after the failed reload');
      expectStatus(await send(socket, 'GET', '/health/ready'), 200, 'GET /health/ready after the failed reload');
    },
  );
  appCheck(
    'an unknown version → 404 version_not_found whose details list the versions on disk, in order; nothing changes',
    2,
    `${VERSIONING}: swapIn() lets the source's HttpError through unchanged (details included)`,
    async () => {
      const socket = await appSocket('unknown');
      const res = await reloadExpect(socket, '7.0.0', 404, 'version_not_found');
      expectEqual(details(res)['available'], ORDERED, 'error.details.available');
      expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after the refused reload');
    },
  );
  appCheck(
    'a reload without a version takes the latest by version order: 1.10.0, not 1.9.0',
    1,
    `${VERSIONING}: swapIn() passes an absent version on to source.open(), which orders versions numerically`,
    async () => {
      const socket = await appSocket('latest');
      const res = await reloadExpect(socket, undefined, 200);
      expectEqual(res.body['current'], { name: 'spam', version: '1.10.0' }, 'the reload answer\'s "current"');
    },
  );
  appCheck(
    'failed reloads leave the rollback history alone: refused, then rollback → 409; after a swap and a refusal, rollback → 1.0.0',
    2,
    `${VERSIONING}: swapIn() touches the history only after open() and the gate succeeded`,
    async () => {
      const socket = await appSocket('lifecycle');
      await reloadExpect(socket, '1.3.0', 422, 'model_load_failed', 'corrupt');
      await reloadExpect(socket, '1.2.1', 422, 'gate_failed', 'a weak model');
      expectStatus(await admin(socket, 'rollback'), 409, 'POST /admin/rollback after two failed reloads', 'nothing_to_roll_back');
      await reloadExpect(socket, '1.1.0', 200);
      await reloadExpect(socket, '1.0.1', 422, 'gate_failed', 'worse than 1.1.0');
      expectEqual(await answeringVersion(socket), '1.1.0', 'the version answering after the refused reload');
      await rollbackTo(socket, '1.0.0', 'the rollback after 1.1.0 and a refused reload');
      expectStatus(await admin(socket, 'rollback'), 409, 'one more POST /admin/rollback', 'nothing_to_roll_back');
    },
  );
  appCheck(
    'rollback after two swaps: 1.1.0 → 1.2.0, then back to 1.1.0, then 1.0.0, then 409',
    2,
    `${VERSIONING}: swapBack() returns to the most recent model first`,
    async () => {
      const socket = await appSocket('two-swaps', { gate: false });
      await reloadExpect(socket, '1.1.0', 200);
      await reloadExpect(socket, '1.2.0', 200, undefined, 'no gate in this app');
      await rollbackTo(socket, '1.1.0', 'the first rollback');
      await rollbackTo(socket, '1.0.0', 'the second rollback');
      expectStatus(await admin(socket, 'rollback'), 409, 'a third POST /admin/rollback', 'nothing_to_roll_back');
    },
  );
  appCheck(
    `hot swap under load: ${ROUNDS * PARALLEL} requests around reload, rollback, reload — every one answered 200 by the right version`,
    4,
    `${VERSIONING}: swapIn()/swapBack() assign the new model in one step, never leaving none`,
    async () => {
      const socket = await appSocket('load');
      const swaps: Record<number, () => Promise<JsonResponse>> = {
        15: () => admin(socket, 'reload', { version: '1.1.0' }),
        30: () => admin(socket, 'rollback'),
        45: () => admin(socket, 'reload', { version: '1.1.0' }),
      };
      const settled: Record<number, string> = { 15: '1.1.0', 30: '1.0.0', 45: '1.1.0' };
      let expected: string | undefined = '1.0.0';
      const failures: string[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const swap = swaps[round]?.();
        const answers = await Promise.all(
          Array.from({ length: PARALLEL }, () => send(socket, 'POST', '/predict', { text: `Round ${round}: the minutes are attached.` })),
        );
        for (const res of answers) {
          const version = (res.body['model'] as { version?: unknown } | undefined)?.version;
          // While a swap is in flight either version is right; once it answered, only the new one.
          if (res.status !== 200) failures.push(`round ${round}: HTTP ${res.status} ${excerpt(res)}`);
          else if (!swap && version !== expected)
            failures.push(`round ${round}: answered by ${String(version)}, expected ${String(expected)}`);
        }
        if (swap) {
          const res = await swap;
          expectStatus(res, 200, `the admin call in round ${round}`);
          expected = settled[round];
        }
      }
      if (failures.length > 0)
        throw new Error(`${failures.length} of ${ROUNDS * PARALLEL} requests went wrong, e.g. ${failures.slice(0, 3).join('; ')}`);
      expectStatus(await send(socket, 'GET', '/health/ready'), 200, 'GET /health/ready after the swaps');
    },
  );
  appCheck(
    'the rollback history keeps at most `keep` models',
    1,
    `${VERSIONING}: swapIn() keeps the last options.keep models`,
    async () => {
      const socket = await appSocket('keep', { keep: 2, gate: false });
      for (const version of ['1.1.0', '1.0.0', '1.1.0']) await reloadExpect(socket, version, 200, undefined, 'no gate in this app');
      expectStatus(await admin(socket, 'rollback'), 200, 'the first rollback');
      expectStatus(await admin(socket, 'rollback'), 200, 'the second rollback');
      expectStatus(await admin(socket, 'rollback'), 409, 'a third rollback with keep = 2', 'nothing_to_roll_back');
    },
  );
  appCheck('"Bearer" with no token, and other schemes → 401', 1, `${AUTH}: bearerToken()`, async () => {
    const socket = await appSocket('guard-edge');
    for (const header of ['Bearer', 'Bearer ', 'Basic bGFiOjA1', 'Token lab05']) {
      expectStatus(
        await send(socket, 'POST', '/admin/rollback', undefined, header),
        401,
        `POST /admin/rollback with Authorization: ${JSON.stringify(header)}`,
        'unauthorized',
      );
    }
  });
});
