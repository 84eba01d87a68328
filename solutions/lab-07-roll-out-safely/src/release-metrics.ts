/**
 * What a release shows on /metrics. Every series is labelled `model_version`, the version it is
 * about, like lab 04's `prediction_probability`: with two versions behind one route, a count
 * without it cannot say which version failed, and a dashboard cannot put them side by side.
 */
import type { Registry } from 'prom-client';
// BEGIN SOLUTION hint: prom-client's Counter, Gauge and Histogram
import { Counter, Gauge, Histogram } from 'prom-client';
// END SOLUTION
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
  // BEGIN SOLUTION hint: one prom-client metric per series above, each with labelNames including 'model_version' and registers: [registry]; each method labels with { model_version: version, … }
  const registers = [registry];
  const requests = new Counter({
    name: 'model_predict_requests_total',
    help: 'POST /predict requests by the model version that answered, and whether it answered (ok) or failed (error).',
    labelNames: ['model_version', 'outcome'] as const,
    registers,
  });
  const candidate = new Gauge({
    name: 'release_candidate_info',
    help: 'The candidate version being tried and how (canary or shadow); 1 while a release runs.',
    labelNames: ['model_version', 'mode'] as const,
    registers,
  });
  const agreement = new Counter({
    name: 'shadow_agreement_total',
    help: 'Texts the shadow candidate scored, by whether it called the same class as stable.',
    labelNames: ['model_version', 'result'] as const,
    registers,
  });
  const scoreDifference = new Histogram({
    name: 'shadow_score_difference',
    help: 'Absolute difference between the shadow candidate’s and stable’s spam probability, per text.',
    labelNames: ['model_version'] as const,
    buckets: SCORE_DIFFERENCE_BUCKETS,
    registers,
  });
  const dropped = new Counter({
    name: 'shadow_dropped_total',
    help: 'Request copies the shadow candidate never scored: its queue was full, or the release ended first.',
    labelNames: ['model_version'] as const,
    registers,
  });
  const failed = new Counter({
    name: 'shadow_errors_total',
    help: 'Request copies on which the shadow candidate threw or answered the wrong number of probabilities.',
    labelNames: ['model_version'] as const,
    registers,
  });
  return {
    answered: (version, outcome) => requests.inc({ model_version: version, outcome }),
    trying: (version, mode) => candidate.set({ model_version: version, mode }, 1),
    ended: () => candidate.reset(),
    compared(version, c) {
      agreement.inc({ model_version: version, result: 'agree' }, c.agree);
      agreement.inc({ model_version: version, result: 'disagree' }, c.disagree);
      const histogram = scoreDifference.labels({ model_version: version });
      for (const d of c.differences) histogram.observe(d);
    },
    dropped: (version) => dropped.inc({ model_version: version }),
    failed: (version) => failed.inc({ model_version: version }),
  };
  // END SOLUTION
}
