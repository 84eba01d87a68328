import { Counter, type Registry } from 'prom-client';

/**
 * `recommendations_served_total{model_version, fallback}`: one per user answered (a batch of
 * ten counts ten). `fallback` is "true" when popularity answered for a user the model does not
 * know, so the fallback share is
 * `sum(rate(recommendations_served_total{fallback="true"}[5m])) / sum(rate(recommendations_served_total[5m]))`.
 */
export type RecsServedCounter = Counter<'model_version' | 'fallback'>;

/** @param registry the app's registry (the one `GET /metrics` serves); none: create it unregistered */
export function recsServedCounter(registry?: Registry): RecsServedCounter {
  return new Counter({
    name: 'recommendations_served_total',
    help: 'Users answered with recommendations, by model version and whether the popularity fallback answered.',
    labelNames: ['model_version', 'fallback'] as const,
    registers: registry ? [registry] : [],
  });
}
