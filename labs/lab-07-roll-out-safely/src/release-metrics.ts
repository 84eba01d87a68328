/**
 * What a release shows on /metrics. Every series is labelled `model_version`, the version it is
 * about, like lab 04's `prediction_probability`: with two versions behind one route, a count
 * without it cannot say which version failed, and a dashboard cannot put them side by side.
 */
import type { Registry } from 'prom-client';
// TODO(lab-07-roll-out-safely): prom-client's Counter, Gauge and Histogram
import type { ShadowComparison } from './shadow';

/** |candidate − stable| probability: most pairs differ by a few hundredths, a changed mind by more than 0.3. */
export const SCORE_DIFFERENCE_BUCKETS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1];

/** What the release tells its metrics; `version` is always the model version the event is about. */
export interface ReleaseMetrics {
  /** `model_predict_requests_total{model_version, outcome="ok"|"error"}` +1: a request that version answered, or failed. */
  answered(version: string, outcome: 'ok' | 'error'): void;
  /** `release_candidate_info{model_version, mode}` = 1 while `version` is tried as `mode`. */
  trying(version: string, mode: 'canary' | 'shadow'): void;
  /** The release ended: `release_candidate_info` has no series. */
  ended(): void;
  /**
   * One scored shadow copy: `shadow_agreement_total{model_version, result="agree"|"disagree"}` by
   * the texts that agreed or not, and each difference into `shadow_score_difference{model_version}`.
   */
  compared(version: string, comparison: ShadowComparison): void;
  /** `shadow_dropped_total{model_version}` +1. */
  dropped(version: string): void;
  /** `shadow_errors_total{model_version}` +1. */
  failed(version: string): void;
}

/**
 * Registers the release's metrics on `registry` (the app's own, the one GET /metrics serves) and
 * returns what updates them.
 */
export function createReleaseMetrics(registry: Registry): ReleaseMetrics {
  void [registry]; // your inputs
  throw new Error("lab-07-roll-out-safely: not implemented — one prom-client metric per series above, each with labelNames including 'model_version' and registers: [registry]; each method labels with { model_version: version, … }");
}
