/** Instructor checks for lab 05: failed loads change nothing, hot swap under load, history, guard edge cases. */
import { check, excerpt, expectEqual, expectStatus, type JsonResponse } from '../../../grading/harness';
import { admin, answeringVersion, appSocket, AUTH, send, VERSIONING } from '../grader/http';

/** Bounded: ROUNDS × PARALLEL requests, each with the per-request time limit of `send`. */
const ROUNDS = 60;
const PARALLEL = 4;

describe('lab-05 instructor checks', () => {
  check('a corrupt version (checksum) → 422 model_load_failed; the old model keeps answering and the service stays ready', 2, `${VERSIONING}: swapIn() swaps only after open() succeeded`, async () => {
    const socket = await appSocket('corrupt');
    expectStatus(await admin(socket, 'reload', { version: '1.3.0' }), 422, 'POST /admin/reload {"version": "1.3.0"} (corrupt model.json)', 'model_load_failed');
    expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after the failed reload');
    expectStatus(await send(socket, 'GET', '/health/ready'), 200, 'GET /health/ready after the failed reload');
  });
  check('an unknown version → 404 (not 422), and nothing changes', 1, `${VERSIONING}: swapIn() lets the source's HttpError through`, async () => {
    const socket = await appSocket('unknown');
    expectStatus(await admin(socket, 'reload', { version: '7.0.0' }), 404, 'POST /admin/reload {"version": "7.0.0"}');
    expectEqual(await answeringVersion(socket), '1.0.0', 'the version answering after the refused reload');
  });
  check(`hot swap under load: ${ROUNDS * PARALLEL} requests around reload, rollback, reload — every one answered 200 by the right version`, 4, `${VERSIONING}: swapIn()/swapBack() assign the new model in one step, never leaving none`, async () => {
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
      const answers = await Promise.all(Array.from({ length: PARALLEL }, () => send(socket, 'POST', '/predict', { text: `Round ${round}: the minutes are attached.` })));
      for (const res of answers) {
        const version = (res.body['model'] as { version?: unknown } | undefined)?.version;
        // While a swap is in flight either version is right; once it answered, only the new one.
        if (res.status !== 200) failures.push(`round ${round}: HTTP ${res.status} ${excerpt(res)}`);
        else if (!swap && version !== expected) failures.push(`round ${round}: answered by ${String(version)}, expected ${String(expected)}`);
      }
      if (swap) {
        const res = await swap;
        expectStatus(res, 200, `the admin call in round ${round}`);
        expected = settled[round];
      }
    }
    if (failures.length > 0) throw new Error(`${failures.length} of ${ROUNDS * PARALLEL} requests went wrong, e.g. ${failures.slice(0, 3).join('; ')}`);
    expectStatus(await send(socket, 'GET', '/health/ready'), 200, 'GET /health/ready after the swaps');
  });
  check('the rollback history keeps at most `keep` models', 1, `${VERSIONING}: swapIn() keeps the last options.keep models`, async () => {
    const socket = await appSocket('keep', { keep: 2 });
    for (const version of ['1.1.0', '1.0.0', '1.1.0']) expectStatus(await admin(socket, 'reload', { version }), 200, `POST /admin/reload {"version": "${version}"}`);
    expectStatus(await admin(socket, 'rollback'), 200, 'the first rollback');
    expectStatus(await admin(socket, 'rollback'), 200, 'the second rollback');
    expectStatus(await admin(socket, 'rollback'), 409, 'a third rollback with keep = 2', 'nothing_to_roll_back');
  });
  check('the gate refuses a model whose metadata lacks the metric', 1, `${VERSIONING}: checkGate() — a missing metric is not a pass`, async () => {
    const socket = await appSocket('missing-metric', { gate: { split: 'test', metric: 'cost_per_error', min: 0 } });
    expectStatus(await admin(socket, 'reload', { version: '1.1.0' }), 422, 'POST /admin/reload with a gate on a metric 1.1.0 does not record', 'gate_failed');
  });
  check('"Bearer" with no token, and other schemes → 401', 1, `${AUTH}: bearerToken()`, async () => {
    const socket = await appSocket('guard-edge');
    for (const header of ['Bearer', 'Bearer ', 'Basic bGFiOjA1', 'Token lab05']) {
      expectStatus(await send(socket, 'POST', '/admin/rollback', undefined, header), 401, `POST /admin/rollback with Authorization: ${JSON.stringify(header)}`, 'unauthorized');
    }
  });
});
