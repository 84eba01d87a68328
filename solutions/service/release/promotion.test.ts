import assert from 'node:assert/strict';
import {
  type ArmCounts,
  DEFAULT_PROMOTION_RULE,
  decidePromotion,
  type PromotionRule,
  type ReleaseEvidence,
} from '../../lab-07-roll-out-safely/src/promotion';

const rule: PromotionRule = { minSamples: 100, minAgreement: 0.9, maxErrorRateIncrease: 0.01 };

/** What each version did in the window. */
interface InWindow {
  mode: ReleaseEvidence['mode'];
  stable: ArmCounts;
  candidate: ArmCounts;
  shadow: ReleaseEvidence['shadow'];
}

/** Counters that already held traffic before the release (stable: 5,000 requests, 500 failed), so only their increase counts. */
function window(overrides: Partial<InWindow> = {}): ReleaseEvidence {
  const w: InWindow = {
    mode: 'shadow',
    stable: { requests: 1000, errors: 0 },
    candidate: { requests: 1000, errors: 0 },
    shadow: { agree: 950, disagree: 50, dropped: 0 },
    ...overrides,
  };
  const before = { requests: 5000, errors: 500 };
  const grown = (by: ArmCounts) => ({
    atStart: before,
    now: { requests: before.requests + by.requests, errors: before.errors + by.errors },
  });
  return { mode: w.mode, stable: grown(w.stable), candidate: grown(w.candidate), shadow: w.shadow };
}

describe('release/promotion: decidePromotion', () => {
  it('waits below the minimum sample, whatever the numbers', () => {
    const v = decidePromotion(window({ candidate: { requests: 99, errors: 99 } }), rule);
    assert.equal(v.decision, 'wait');
    assert.match(v.reasons[0] ?? '', /only 99 of the 100/);
  });

  it('promotes a shadow candidate that agrees enough and errs no more', () => {
    assert.equal(decidePromotion(window(), rule).decision, 'promote');
  });

  it('promotes at exactly the bounds', () => {
    const v = decidePromotion(
      window({
        candidate: { requests: 100, errors: 1 },
        stable: { requests: 100, errors: 0 },
        shadow: { agree: 90, disagree: 10, dropped: 0 },
      }),
      rule,
    );
    assert.equal(v.decision, 'promote', v.reasons.join('; '));
  });

  it('aborts a shadow candidate that disagrees too often, saying by how much', () => {
    const v = decidePromotion(window({ shadow: { agree: 800, disagree: 200, dropped: 0 } }), rule);
    assert.equal(v.decision, 'abort');
    assert.deepEqual(v.reasons, ['agreement with stable 80.00 % (needs ≥ 90.00 %)']);
  });

  it('aborts a shadow candidate nothing was compared with (every copy failed or dropped)', () => {
    const v = decidePromotion(window({ candidate: { requests: 500, errors: 500 }, shadow: { agree: 0, disagree: 0, dropped: 9 } }), rule);
    assert.equal(v.decision, 'abort');
    assert.equal(v.reasons.length, 2);
    assert.match(v.reasons.join('\n'), /not measured/);
  });

  it('aborts a canary that errs more often than stable beyond the allowance', () => {
    const v = decidePromotion(
      window({ mode: 'canary', stable: { requests: 9000, errors: 9 }, candidate: { requests: 1000, errors: 30 } }),
      rule,
    );
    assert.equal(v.decision, 'abort');
    assert.match(v.reasons[0] ?? '', /candidate error rate 3\.00 % vs stable 0\.10 %/);
  });

  it('does not ask a canary for agreement (there is none to measure)', () => {
    const v = decidePromotion(window({ mode: 'canary', shadow: { agree: 0, disagree: 0, dropped: 0 } }), rule);
    assert.equal(v.decision, 'promote', v.reasons.join('; '));
  });

  it('counts errors over the window, not since the counters started', () => {
    // All time, stable failed 10 % and the candidate 8.4 %; in the window, stable never failed.
    const v = decidePromotion(
      window({ mode: 'canary', stable: { requests: 1000, errors: 0 }, candidate: { requests: 1000, errors: 20 } }),
      rule,
    );
    assert.equal(v.decision, 'abort');
    assert.match(v.reasons[0] ?? '', /candidate error rate 2\.00 % vs stable 0\.00 %/);
  });

  it('by default, a candidate may not err more often than stable at all', () => {
    const worse = window({ mode: 'canary', stable: { requests: 1000, errors: 1 }, candidate: { requests: 1000, errors: 2 } });
    assert.equal(decidePromotion(worse, DEFAULT_PROMOTION_RULE).decision, 'abort');
    const same = window({ mode: 'canary', stable: { requests: 1000, errors: 1 }, candidate: { requests: 500, errors: 0 } });
    assert.equal(decidePromotion(same, DEFAULT_PROMOTION_RULE).decision, 'promote');
  });
});
