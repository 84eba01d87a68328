/** Instructor checks for lab 07: the edges of the split, the shadow queue and the rule. */
import { check, expectEqual, submission } from '../../../grading/harness';
import {
  CANARY,
  CANARY_SHARE,
  callApp,
  canaryTrace,
  PROMOTION,
  predict,
  service,
  SHADOW,
  shadowIdle,
  startRelease,
  admin,
  serviceCheck,
  versionByUser,
} from '../grader/service';
import { binomialTolerance, MESSAGES, users } from '../grader/trace';

type Counts = { requests: number; errors: number };
const zero: Counts = { requests: 0, errors: 0 };
const RULE = { minSamples: 200, minAgreement: 0.95, maxErrorRateIncrease: 0 };

function evidence(mode: string, stable: [Counts, Counts], candidate: [Counts, Counts], shadow = { agree: 0, disagree: 0, dropped: 0 }) {
  return { mode, stable: { atStart: stable[0], now: stable[1] }, candidate: { atStart: candidate[0], now: candidate[1] }, shadow };
}

async function decide(e: unknown, rule = RULE): Promise<string | undefined> {
  const v = (await submission().call(PROMOTION, 'decidePromotion', [e, rule])) as { decision?: string } | undefined;
  return v?.decision;
}

async function refuses(share: number): Promise<string | undefined> {
  return submission()
    .call(CANARY, 'inCanary', ['user:u-1', share])
    .then(
      (v) => `returned ${JSON.stringify(v)}`,
      (err: Error) => (/^RangeError:/.test(err.message) && /share/i.test(err.message) ? undefined : `threw something else: ${err.message}`),
    );
}

describe('lab-07 instructor checks', () => {
  serviceCheck(
    'canary: the same users get the same versions after a restart (a new process)',
    2,
    `${CANARY}: the hash must not depend on anything a process picks at start (a random seed, Math.random, the time)`,
    async () => {
      const { answers } = await canaryTrace();
      const served = versionByUser(answers);
      const ids = [...served.keys()];
      const fresh = await callApp<boolean[]>('splitKeysInFreshProcess', [ids.map((u) => `user:${u}`), CANARY_SHARE], 40_000);
      const moved = ids.filter((u, i) => (served.get(u) === '1.1.0') !== fresh[i]);
      if (moved.length > 0) {
        throw new Error(
          `${moved.length} of ${ids.length} users would change version after a restart (e.g. ${moved.slice(0, 3).join(', ')}): every process must split the same way`,
        );
      }
    },
  );
  serviceCheck(
    'canary: a share of 0.2 % gets 0.2 % of 20,000 users (no whole-percent buckets)',
    2,
    `${CANARY}: inCanary() compares the hash with the share itself`,
    async () => {
      const keys = users(20_000, 13).map((u) => `user:${u}`);
      const share = 0.002;
      const got = (await callApp<boolean[]>('splitKeys', [keys, share])).filter(Boolean).length;
      const tol = binomialTolerance(share, keys.length) * keys.length;
      if (Math.abs(got - share * keys.length) > tol) {
        throw new Error(
          `${got} of ${keys.length} keys reached the candidate at share ${share}: expected ${share * keys.length} ± ${tol.toFixed(1)}`,
        );
      }
    },
  );
  check(
    'inCanary: a NaN or infinite share is refused, naming share',
    1,
    `${CANARY}: NaN fails every comparison — test for what is allowed, not for what is not`,
    async () => {
      for (const share of [Number.NaN, Number.POSITIVE_INFINITY]) {
        const problem = await refuses(share);
        if (problem !== undefined) throw new Error(`inCanary("user:u-1", ${share}) should throw a RangeError naming share; it ${problem}`);
      }
    },
  );
  check('hashToUnit: the empty key hashes to a number in [0, 1), the same every time', 1, `${CANARY}: hashToUnit("")`, async () => {
    const a = await submission().call(CANARY, 'hashToUnit', ['']);
    const b = await submission().call(CANARY, 'hashToUnit', ['']);
    if (typeof a !== 'number' || !(a >= 0 && a < 1))
      throw new Error(`hashToUnit("") should be a number in [0, 1), got ${JSON.stringify(a)}`);
    expectEqual(b, a, 'hashToUnit("") a second time');
    const side = await submission().call(CANARY, 'inCanary', ['', 0.5]);
    if (typeof side !== 'boolean') throw new Error(`inCanary("", 0.5) should be true or false, got ${JSON.stringify(side)}`);
  });
  check(
    'promotion: one candidate request short of the minimum waits; exactly the minimum decides',
    2,
    `${PROMOTION}: wait while the candidate's requests in the window are fewer than rule.minSamples`,
    async () => {
      const stable: [Counts, Counts] = [zero, { requests: 10_000, errors: 0 }];
      expectEqual(
        await decide(evidence('canary', stable, [zero, { requests: 199, errors: 0 }])),
        'wait',
        'decision with 199 of 200 candidate requests',
      );
      expectEqual(
        await decide(evidence('canary', stable, [zero, { requests: 200, errors: 0 }])),
        'promote',
        'decision with exactly 200 candidate requests, none failed',
      );
    },
  );
  check(
    'promotion: error rates over the release’s window, not since the counters started',
    2,
    `${PROMOTION}: each count in the window is now − atStart`,
    async () => {
      // Before the release stable had an outage (500 of 5,000 failed); in the window it failed none.
      const outage: [Counts, Counts] = [
        { requests: 5000, errors: 500 },
        { requests: 6000, errors: 500 },
      ];
      expectEqual(
        await decide(evidence('canary', outage, [zero, { requests: 1000, errors: 10 }])),
        'abort',
        'a canary failing 1 % while stable failed 0 % in the window',
      );
      // The candidate was tried before and failed then (300 of 1,000); this time it failed none.
      const earlier: [Counts, Counts] = [
        { requests: 1000, errors: 300 },
        { requests: 2000, errors: 300 },
      ];
      expectEqual(
        await decide(evidence('canary', [zero, { requests: 4000, errors: 0 }], earlier)),
        'promote',
        'a canary failing none in this window (it failed in an earlier attempt)',
      );
    },
  );
  check(
    'promotion: at exactly the allowed error rate and agreement it promotes; just past either, it aborts',
    2,
    `${PROMOTION}: candidate rate ≤ stable rate + allowance, agreement ≥ minAgreement (inclusive bounds, right direction)`,
    async () => {
      const rule = { minSamples: 100, minAgreement: 0.9, maxErrorRateIncrease: 0.01 };
      const s: [Counts, Counts] = [zero, { requests: 1000, errors: 10 }];
      const ok = { agree: 900, disagree: 100, dropped: 0 };
      expectEqual(
        await decide(evidence('shadow', s, [zero, { requests: 1000, errors: 20 }], ok), rule),
        'promote',
        'decision at 2 % vs 1 % + 1 % allowed, agreement exactly 90 %',
      );
      expectEqual(
        await decide(evidence('shadow', s, [zero, { requests: 1000, errors: 21 }], ok), rule),
        'abort',
        'decision at 2.1 % vs 1 % + 1 % allowed',
      );
      expectEqual(
        await decide(evidence('shadow', s, [zero, { requests: 1000, errors: 0 }], { agree: 899, disagree: 101, dropped: 0 }), rule),
        'abort',
        'decision at agreement 89.9 %',
      );
      expectEqual(
        await decide(evidence('canary', s, [zero, { requests: 1000, errors: 0 }]), rule),
        'promote',
        'a canary failing less often than stable',
      );
    },
  );
  serviceCheck(
    'shadow: a candidate that disagrees with stable is aborted by promote',
    1,
    `${PROMOTION}: in shadow mode, check the agreement`,
    async () => {
      const socket = await service('shadow-flipped');
      await startRelease(socket, { version: '1.2.0', mode: 'shadow', rule: { min_samples: 20 } });
      for (let i = 0; i < 24; i++) await predict(socket, MESSAGES[i % MESSAGES.length]!);
      await shadowIdle(socket);
      const res = await admin(socket, 'POST', '/admin/candidate/promote');
      const code = (res.body['error'] as { code?: string } | undefined)?.code;
      if (res.status !== 409 || code !== 'promotion_refused') {
        throw new Error(
          `POST /admin/candidate/promote of 1.2.0 (it answers 1 − p) should be 409 promotion_refused, got ${res.status} ${res.raw.slice(0, 200)}`,
        );
      }
    },
  );
  check(
    'shadow: a burst beyond the limit is dropped and counted; stop drops what waits; nothing is scored inside submit',
    2,
    `${SHADOW}: createShadowPath(): limit, stop() and pending()`,
    async () => {
      const report = await callApp<unknown>('exerciseShadowQueue', [3, 10]);
      expectEqual(
        report,
        {
          afterSubmit: { pending: 3, compared: 0, dropped: 7 },
          afterIdle: { pending: 0, compared: 3, dropped: 7 },
          afterStop: { pending: 0, compared: 3, dropped: 11 },
        },
        'limit 3: 10 copies in one turn, idle(), 3 more, stop(), 1 more',
      );
    },
  );
});
