/** Public checks for lab 07: run them with `npm run check -- lab-07`. */
import { check, expectEqual, expectStatus, note, once, submission } from '../../../grading/harness';
import type { Sample } from '../../lab-04-monitor/grader/traffic';
import {
  admin,
  CANARY,
  CANARY_SHARE,
  CANARY_USERS,
  callApp,
  canaryTrace,
  current,
  METRICS,
  predict,
  PROMOTION,
  scrape,
  seriesOf,
  service,
  SHADOW,
  shadowIdle,
  shadowProbes,
  STABLE,
  startRelease,
  threshold,
  timeline,
  sampleValue,
  serviceCheck,
  versionByUser,
  expectSameAnswers,
} from './service';
import { binomialTolerance, goodCandidate, MESSAGES, users } from './trace';

/** A good shadow release (1.1.0): 48 texts, then the window; shared by the agreement, metrics and promotion checks. */
function goodShadow(): Promise<{ socket: string; probabilities: number[]; threshold: number }> {
  return once('good-shadow', async () => {
    const socket = await service('shadow-good');
    await startRelease(socket, { version: '1.1.0', mode: 'shadow', rule: { min_samples: 40, min_agreement: 0.85 } });
    const probabilities: number[] = [];
    for (let i = 0; i < 48; i++) {
      const a = await predict(socket, MESSAGES[i % MESSAGES.length]!, { user: `s-${i}` });
      if (a.status !== 200)
        throw new Error(`POST /predict (text ${i}) during a shadow release: expected 200, got ${a.status}: ${a.raw.slice(0, 200)}`);
      probabilities.push(a.probability as number);
    }
    await shadowIdle(socket);
    return { socket, probabilities, threshold: await threshold(socket) };
  });
}

/** /metrics and the window of the good shadow release, read once before it is promoted. */
function metricsOfGoodShadow(): Promise<{ all: Sample[]; window: { agree: number; disagree: number } }> {
  return once('good-shadow-metrics', async () => {
    const { socket } = await goodShadow();
    const release = await current(socket);
    return { all: await scrape(socket), window: release?.window.shadow ?? { agree: -1, disagree: -1 } };
  });
}

describe('lab-07 public checks', () => {
  serviceCheck(
    `canary: a seeded trace of ${CANARY_USERS.length} users at share ${CANARY_SHARE}: the candidate's share of users within the binomial tolerance`,
    3,
    `${CANARY}: hashToUnit() and inCanary()`,
    async () => {
      const { answers } = await canaryTrace();
      const onCandidate = new Set(answers.filter((a) => a.version === '1.1.0').map((a) => a.user)).size;
      const got = onCandidate / CANARY_USERS.length;
      const tol = binomialTolerance(CANARY_SHARE, CANARY_USERS.length);
      if (Math.abs(got - CANARY_SHARE) > tol) {
        throw new Error(
          `${onCandidate} of ${CANARY_USERS.length} users (${got.toFixed(3)}) reached the candidate; share ${CANARY_SHARE} allows ${CANARY_SHARE} ± ${tol.toFixed(3)} (4.5 binomial standard deviations)`,
        );
      }
      note(
        `${onCandidate} of ${CANARY_USERS.length} users on the candidate (${got.toFixed(3)}; allowed ${CANARY_SHARE} ± ${tol.toFixed(3)})`,
      );
    },
  );
  serviceCheck(
    'canary: every answer names the version that served it, and a user gets the same version on every request',
    3,
    `${CANARY}: inCanary() must depend on the key alone (no Math.random, no counter)`,
    async () => {
      const { answers } = await canaryTrace();
      const odd = answers.find((a) => a.version !== STABLE && a.version !== '1.1.0');
      if (odd) throw new Error(`an answer named version ${String(odd.version)}: expected "${STABLE}" (stable) or "1.1.0" (candidate)`);
      versionByUser(answers);
    },
  );
  check('inCanary: share 0 sends nobody, share 1 everybody, a share outside [0, 1] is refused', 2, `${CANARY}: inCanary()`, async () => {
    const keys = users(2000, 3).map((u) => `user:${u}`);
    const none = await callApp<boolean[]>('splitKeys', [keys, 0]);
    expectEqual(none.filter(Boolean).length, 0, 'keys sent to the candidate at share 0');
    const all = await callApp<boolean[]>('splitKeys', [keys, 1]);
    expectEqual(all.filter(Boolean).length, keys.length, 'keys sent to the candidate at share 1');
    for (const share of [1.5, -0.25]) {
      const refused = await submission()
        .call(CANARY, 'inCanary', ['user:u-1', share])
        .then(
          (v) => `returned ${JSON.stringify(v)}`,
          (err: Error) =>
            /^RangeError:/.test(err.message) && /share/i.test(err.message) ? undefined : `threw something else: ${err.message}`,
        );
      if (refused !== undefined) throw new Error(`inCanary("user:u-1", ${share}) should throw a RangeError naming share; it ${refused}`);
    }
  });
  serviceCheck(
    'shadow: with a slow candidate, every answer is stable’s, unchanged, and left before the candidate started on it',
    4,
    `${SHADOW}: createShadowPath().submit must only queue the copy; score it on a later turn (setImmediate)`,
    async () => {
      const { socket, before, during } = await shadowProbes('1.4.0', 20);
      expectSameAnswers(before, during, 'slow shadow candidate 1.4.0');
      const events = await timeline(socket);
      for (let probe = 1; probe <= 20; probe++) {
        const sent = events.findIndex((e) => e.event === 'answer-sent' && e.probe === probe);
        const started = events.findIndex((e) => e.event === 'candidate-started' && e.probe === probe);
        if (started < 0) throw new Error(`the shadow candidate never scored probe ${probe}: each answered request must reach it once`);
        if (sent < 0 || started < sent) {
          throw new Error(
            `probe ${probe}: the candidate started scoring the copy before the client's answer was sent, so the client waited for the candidate (timeline: ${JSON.stringify(events.filter((e) => e.probe === probe))})`,
          );
        }
      }
    },
  );
  serviceCheck(
    'shadow: a candidate that throws changes no answer, and each failure is counted',
    3,
    `${SHADOW}: catch what the candidate throws and report it with listener.failed(err)`,
    async () => {
      const { socket, before, during } = await shadowProbes('1.5.0', 10);
      expectSameAnswers(before, during, 'throwing shadow candidate 1.5.0');
      const after = await predict(socket, 'one more request after the failures');
      if (after.status !== 200) throw new Error(`POST /predict after the candidate's failures: expected 200, got ${after.status}`);
      const release = await current(socket);
      expectEqual(
        release?.window.candidate,
        { requests: 11, errors: 10 },
        'window.candidate (copies scored, copies the candidate threw on)',
      );
    },
  );
  serviceCheck(
    'shadow: agreement with stable, counted per text at the candidate’s threshold',
    2,
    `${SHADOW}: compareWithStable()`,
    async () => {
      const { socket, probabilities, threshold: t } = await goodShadow();
      const agree = probabilities.filter((p) => goodCandidate(p) >= t === p >= t).length;
      const release = await current(socket);
      expectEqual(
        release?.window.shadow,
        { agree, disagree: probabilities.length - agree, dropped: 0 },
        `window.shadow after 48 texts (the candidate scores 0.9 p + 0.08; both call spam at p ≥ ${t.toFixed(4)})`,
      );
    },
  );
  serviceCheck(
    'promotion: a good shadow candidate is promoted; a canary that fails more often than stable is aborted, with reasons',
    3,
    `${PROMOTION}: decidePromotion()`,
    async () => {
      const { socket } = await goodShadow();
      await metricsOfGoodShadow().catch(() => undefined);
      const promoted = await admin(socket, 'POST', '/admin/candidate/promote');
      expectStatus(
        promoted,
        200,
        'POST /admin/candidate/promote of a shadow candidate that agreed on 42 of 48 texts (the rule asks ≥ 85 %)',
      );
      const now = await predict(socket, MESSAGES[0]!);
      expectEqual(now.version, '1.1.0', 'the version answering after the promotion');

      const bad = await service('canary-bad');
      await startRelease(bad, { version: '1.3.0', mode: 'canary', share: 0.5, rule: { min_samples: 30 } });
      for (const user of users(160, 5)) await predict(bad, `${MESSAGES[user.length % MESSAGES.length]} (${user})`, { user });
      const refused = await admin(bad, 'POST', '/admin/candidate/promote');
      expectStatus(refused, 409, 'POST /admin/candidate/promote of a canary failing one text in four', 'promotion_refused');
      const details = (refused.body['error'] as { details?: { decision?: string; reasons?: string[] } } | undefined)?.details;
      expectEqual(details?.decision, 'abort', 'error.details.decision');
      if (!details?.reasons?.some((r) => /error/i.test(r)))
        throw new Error(`the reasons should name the error rates: ${JSON.stringify(details?.reasons)}`);
      expectEqual(await current(bad), null, 'the release after an abort (GET /admin/candidate → candidate)');
    },
  );
  serviceCheck(
    'promotion: too few samples → wait (409 not_enough_evidence), and the release goes on',
    2,
    `${PROMOTION}: decidePromotion() waits below rule.minSamples candidate requests`,
    async () => {
      const socket = await service('wait');
      await startRelease(socket, { version: '1.1.0', mode: 'shadow', rule: { min_samples: 500 } });
      for (let i = 0; i < 10; i++) await predict(socket, MESSAGES[i]!);
      await shadowIdle(socket);
      const res = await admin(socket, 'POST', '/admin/candidate/promote');
      expectStatus(res, 409, 'POST /admin/candidate/promote after 10 of the 500 samples', 'not_enough_evidence');
      expectEqual((await current(socket))?.version, '1.1.0', 'the candidate still tried after "wait"');
    },
  );
  serviceCheck(
    '/metrics: requests by the version that answered; shadow series labelled with the candidate’s version',
    3,
    `${METRICS}: createReleaseMetrics(): label every series with model_version`,
    async () => {
      const { socket, answers } = await canaryTrace();
      const all = await scrape(socket);
      for (const version of [STABLE, '1.1.0']) {
        const want = answers.filter((a) => a.version === version).length;
        const got = sampleValue(all, 'model_predict_requests_total', { model_version: version, outcome: 'ok' });
        if (got !== want) {
          throw new Error(
            `model_predict_requests_total{model_version="${version}",outcome="ok"} should be ${want} (the answers naming ${version}), got ${String(got)}; series: ${seriesOf(all, 'model_predict_requests_total')}`,
          );
        }
      }
      expectEqual(
        sampleValue(all, 'release_candidate_info', { model_version: '1.1.0', mode: 'canary' }),
        1,
        'release_candidate_info{model_version="1.1.0",mode="canary"}',
      );
      const shadow = await metricsOfGoodShadow();
      const release = shadow.window;
      const agree = sampleValue(shadow.all, 'shadow_agreement_total', { model_version: '1.1.0', result: 'agree' });
      if (agree !== release.agree) {
        throw new Error(
          `shadow_agreement_total{model_version="1.1.0",result="agree"} should be ${release.agree}, got ${String(agree)}; series: ${seriesOf(shadow.all, 'shadow_agreement_total')}`,
        );
      }
      const { probabilities } = await goodShadow();
      const sum = probabilities.reduce((s, p) => s + Math.abs(goodCandidate(p) - p), 0);
      const count = sampleValue(shadow.all, 'shadow_score_difference_count', { model_version: '1.1.0' });
      const got = sampleValue(shadow.all, 'shadow_score_difference_sum', { model_version: '1.1.0' });
      expectEqual(count, probabilities.length, 'shadow_score_difference_count{model_version="1.1.0"} (one per text)');
      if (got === undefined || Math.abs(got - sum) > 1e-6)
        throw new Error(`shadow_score_difference_sum should be Σ |candidate − stable| = ${sum}, got ${String(got)}`);
    },
  );
  check('decidePromotion: wait, promote and abort on the brief’s examples', 2, `${PROMOTION}: decidePromotion()`, async () => {
    const zero = { requests: 0, errors: 0 };
    const rule = { minSamples: 100, minAgreement: 0.9, maxErrorRateIncrease: 0.01 };
    const evidence = (mode: string, stable: object, candidate: object, shadow = { agree: 0, disagree: 0, dropped: 0 }) => ({
      mode,
      stable: { atStart: zero, now: stable },
      candidate: { atStart: zero, now: candidate },
      shadow,
    });
    const cases: Array<[string, unknown, string]> = [
      [
        '50 candidate requests of the 100 needed (stable answered 950)',
        evidence('canary', { requests: 950, errors: 0 }, { requests: 50, errors: 0 }),
        'wait',
      ],
      [
        'a canary failing 3 % against stable’s 0.1 %',
        evidence('canary', { requests: 9000, errors: 9 }, { requests: 1000, errors: 30 }),
        'abort',
      ],
      ['a canary failing as often as stable', evidence('canary', { requests: 9000, errors: 9 }, { requests: 1000, errors: 1 }), 'promote'],
      [
        'a shadow agreeing on 95 %',
        evidence('shadow', { requests: 1000, errors: 0 }, { requests: 1000, errors: 0 }, { agree: 950, disagree: 50, dropped: 0 }),
        'promote',
      ],
      [
        'a shadow agreeing on 80 %',
        evidence('shadow', { requests: 1000, errors: 0 }, { requests: 1000, errors: 0 }, { agree: 800, disagree: 200, dropped: 0 }),
        'abort',
      ],
    ];
    for (const [what, e, want] of cases) {
      const v = (await submission().call(PROMOTION, 'decidePromotion', [e, rule])) as { decision?: string; reasons?: unknown };
      expectEqual(v?.decision, want, `decision for ${what}`);
      if (!Array.isArray(v.reasons) || v.reasons.length === 0)
        throw new Error(`${what}: the verdict should give its reasons, got ${JSON.stringify(v.reasons)}`);
    }
  });
});
