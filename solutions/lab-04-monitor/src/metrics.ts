import type { Registry } from 'prom-client';
import type { PredictionObserver } from '../../../server-template/src/contracts';
// BEGIN SOLUTION hint: import Histogram from prom-client
import { Histogram } from 'prom-client';
// END SOLUTION

/**
 * Upper bounds of the `prediction_probability` buckets: ten equal slices of [0, 1]. Written out
 * rather than computed, because 3 * 0.1 is 0.30000000000000004 and would print as such in `le`.
 */
export const PROBABILITY_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/**
 * The distribution of the model's answers, notebook 08's "mix of predictions" as a Prometheus
 * histogram: `prediction_probability`, one observation per prediction, labelled with the
 * `model_version` that answered (so a dashboard can compare two versions, and a hot swap shows).
 * @param registry the app's registry, the one `GET /metrics` serves (never prom-client's global one)
 * @returns called with every batch `/predict` answers; observes each spam probability (in [0, 1])
 */
export function registerPredictionMetrics(registry: Registry): PredictionObserver {
  // BEGIN SOLUTION hint: a Histogram prediction_probability (label model_version, buckets PROBABILITY_BUCKETS) on the given registry; return an observer that observes each p.probability
  const histogram = new Histogram({
    name: 'prediction_probability',
    help: 'Predicted spam probability, one observation per prediction, by model version.',
    labelNames: ['model_version'] as const,
    buckets: PROBABILITY_BUCKETS,
    registers: [registry],
  });
  return (model, predictions) => {
    // One label lookup per batch, not per prediction: a batch comes from one model.
    const series = histogram.labels({ model_version: model.version });
    for (const p of predictions) series.observe(p.probability);
  };
  // END SOLUTION
}
