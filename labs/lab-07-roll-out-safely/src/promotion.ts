/**
 * The promotion rule: what the numbers of a release's window say about its candidate.
 *
 * - The window is the release: what happened since the candidate started, not since the service
 *   started. Request counters only grow (they count since the process started, like
 *   `model_predict_requests_total` on /metrics), so the window is each counter now minus its
 *   value when the release started — what PromQL's `increase()` computes.
 * - Too few candidate requests in the window (fewer than `minSamples`): **wait**. A handful of
 *   requests says nothing either way, and deciding on them is how a lucky or unlucky minute ships
 *   a model.
 * - Enough: **promote** only when the candidate's error rate in the window is at most stable's
 *   plus `maxErrorRateIncrease` and, in shadow mode, it calls the same class as stable on at least
 *   `minAgreement` of the texts; **abort** otherwise, naming every bound it missed.
 *
 * A canary has no agreement to measure (each request gets one answer), which is why a release
 * usually runs in shadow first, then as a canary.
 */

/** Requests one version handled, and how many of them failed. */
export interface ArmCounts {
  requests: number;
  errors: number;
}

/** One version's counters when the release started and now (both since the process started). */
export interface ArmCounters {
  atStart: ArmCounts;
  now: ArmCounts;
}

/** What a release knows about its two versions. */
export interface ReleaseEvidence {
  mode: 'canary' | 'shadow';
  /** Requests stable answered. */
  stable: ArmCounters;
  /** Canary: requests the candidate answered. Shadow: copies it scored (errors: copies it threw on); `atStart` is zero. */
  candidate: ArmCounters;
  /** Shadow only, since the release started: texts on which the candidate called the same class as stable, or not; copies dropped. */
  shadow: { agree: number; disagree: number; dropped: number };
}

export interface PromotionRule {
  /** Candidate requests (or shadow copies) in the window needed before deciding. */
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

/**
 * The rule above, on one release's evidence. Pure: the same evidence and rule give the same verdict.
 * Reasons name the numbers: `only 12 of the 200 candidate requests the rule needs`,
 * `candidate error rate 3.00 % vs stable 0.10 % (allowed: 0.00 % more)`,
 * `agreement with stable 80.00 % (needs ≥ 95.00 %)`.
 */
export function decidePromotion(evidence: ReleaseEvidence, rule: PromotionRule): PromotionVerdict {
  void [evidence, rule]; // your inputs
  throw new Error("lab-07-roll-out-safely: not implemented — window counts are now − atStart; wait below minSamples candidate requests in the window; then compare error rates (candidate ≤ stable + allowance) and, in shadow mode, agreement ≥ minAgreement");
}
