/**
 * The promotion rule: what the numbers of a release's window say about its candidate.
 *
 * - Too few requests to tell (fewer than `minSamples`): **wait**. A handful of requests says
 *   nothing either way, and deciding on them is how a lucky or unlucky minute ships a model.
 * - Enough requests: **promote** only when the candidate errs no more often than stable (at most
 *   `maxErrorRateIncrease` more) and, in shadow mode, calls the same class as stable on at least
 *   `minAgreement` of the texts; **abort** otherwise, naming every bound it missed.
 *
 * A canary has no agreement to measure (each request gets one answer), which is why a release
 * usually runs in shadow first, then as a canary.
 */

/** Requests one side of the release handled, and how many of them failed. */
export interface ArmCounts {
  requests: number;
  errors: number;
}

/** What a release measured since its candidate started. */
export interface ReleaseWindow {
  mode: 'canary' | 'shadow';
  /** Requests stable answered. */
  stable: ArmCounts;
  /** Canary: requests the candidate answered. Shadow: copies it scored (errors: copies it threw on). */
  candidate: ArmCounts;
  /** Shadow only: texts on which the candidate called the same class as stable, or not; copies dropped. */
  shadow: { agree: number; disagree: number; dropped: number };
}

export interface PromotionRule {
  /** Candidate requests (or shadow copies) needed before deciding. */
  minSamples: number;
  /** Shadow mode: least share of texts where both call the same class, in [0, 1]. */
  minAgreement: number;
  /** How much higher the candidate's error rate may be than stable's (0: not worse). */
  maxErrorRateIncrease: number;
}

export const DEFAULT_PROMOTION_RULE: PromotionRule = { minSamples: 200, minAgreement: 0.95, maxErrorRateIncrease: 0 };

export interface PromotionVerdict {
  decision: 'promote' | 'abort' | 'wait';
  /** Why, in words an operator reads: one line per bound checked. */
  reasons: string[];
}

/** errors / requests, 0 with no requests. */
export function errorRate(arm: ArmCounts): number {
  return arm.requests === 0 ? 0 : arm.errors / arm.requests;
}

/** Share of compared texts where both versions agreed; undefined when none were compared. */
export function agreementRate(window: ReleaseWindow): number | undefined {
  const compared = window.shadow.agree + window.shadow.disagree;
  return compared === 0 ? undefined : window.shadow.agree / compared;
}

const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

/** The rule above, on one window. Pure: the same window and rule give the same verdict. */
export function decidePromotion(window: ReleaseWindow, rule: PromotionRule): PromotionVerdict {
  const samples = window.candidate.requests;
  if (samples < rule.minSamples) {
    return { decision: 'wait', reasons: [`only ${samples} of the ${rule.minSamples} candidate requests the rule needs`] };
  }
  const failed: string[] = [];
  const passed: string[] = [];
  const candidateErrors = errorRate(window.candidate);
  const stableErrors = errorRate(window.stable);
  const errors = `candidate error rate ${pct(candidateErrors)} vs stable ${pct(stableErrors)} (allowed: ${pct(rule.maxErrorRateIncrease)} more)`;
  (candidateErrors <= stableErrors + rule.maxErrorRateIncrease ? passed : failed).push(errors);
  if (window.mode === 'shadow') {
    const agreement = agreementRate(window);
    const line = `agreement with stable ${agreement === undefined ? 'not measured' : pct(agreement)} (needs ≥ ${pct(rule.minAgreement)})`;
    (agreement !== undefined && agreement >= rule.minAgreement ? passed : failed).push(line);
  }
  return failed.length === 0 ? { decision: 'promote', reasons: passed } : { decision: 'abort', reasons: failed };
}
