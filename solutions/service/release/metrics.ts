/**
 * What a release shows on /metrics: requests by the model version that answered them (and
 * whether it failed), the candidate being tried, and the shadow path's comparisons, drops and
 * failures. Labelled `model_version`, like lab 04's `prediction_probability`.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** |candidate − stable| probability: most pairs differ by a few hundredths, a changed mind by more than 0.3. */
export const SCORE_DIFFERENCE_BUCKETS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1];

export interface ReleaseMetrics {
  /** `model_predict_requests_total{model_version, outcome="ok|error"}`: the canary alert's error ratio by version. */
  requests: Counter<'model_version' | 'outcome'>;
  /** `release_candidate_info{model_version, mode}`: 1 while a candidate is tried. */
  candidate: Gauge<'model_version' | 'mode'>;
  agreement: Counter<'model_version' | 'result'>;
  scoreDifference: Histogram<'model_version'>;
  dropped: Counter<'model_version'>;
  failed: Counter<'model_version'>;
}

/** Registers the release's metrics on the app's registry (the one GET /metrics serves). */
export function createReleaseMetrics(registry: Registry): ReleaseMetrics {
  const registers = [registry];
  return {
    requests: new Counter({
      name: 'model_predict_requests_total',
      help: 'POST /predict requests by the model version that answered, and whether it answered (ok) or failed (error).',
      labelNames: ['model_version', 'outcome'] as const,
      registers,
    }),
    candidate: new Gauge({
      name: 'release_candidate_info',
      help: 'The candidate version being tried and how (canary or shadow); 1 while a release runs.',
      labelNames: ['model_version', 'mode'] as const,
      registers,
    }),
    agreement: new Counter({
      name: 'shadow_agreement_total',
      help: 'Texts the shadow candidate scored, by whether it called the same class as stable.',
      labelNames: ['model_version', 'result'] as const,
      registers,
    }),
    scoreDifference: new Histogram({
      name: 'shadow_score_difference',
      help: 'Absolute difference between the shadow candidate’s and stable’s spam probability, per text.',
      labelNames: ['model_version'] as const,
      buckets: SCORE_DIFFERENCE_BUCKETS,
      registers,
    }),
    dropped: new Counter({
      name: 'shadow_dropped_total',
      help: 'Request copies the shadow candidate never scored: its queue was full, or the release ended first.',
      labelNames: ['model_version'] as const,
      registers,
    }),
    failed: new Counter({
      name: 'shadow_errors_total',
      help: 'Request copies on which the shadow candidate threw or answered the wrong number of probabilities.',
      labelNames: ['model_version'] as const,
      registers,
    }),
  };
}
