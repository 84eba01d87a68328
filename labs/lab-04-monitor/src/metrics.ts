import type { Registry } from 'prom-client';
import type { PredictionObserver } from '../../../server-template/src/contracts';
// TODO(lab-04-monitor): import Histogram from prom-client

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
  void [registry]; // your inputs
  throw new Error("lab-04-monitor: not implemented — a Histogram prediction_probability (label model_version, buckets PROBABILITY_BUCKETS) on the given registry; return an observer that observes each p.probability");
}
