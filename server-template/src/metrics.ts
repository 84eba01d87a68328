import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ModelInfo } from './contracts';

/** The service's Prometheus metrics, on a registry of their own (one per app instance). */
export interface ServiceMetrics {
  registry: Registry;
  /** Seconds per request, by method, route (the route pattern, never the raw URL) and status. */
  requestDuration: Histogram<'method' | 'route' | 'status_code'>;
  /** Predictions served, by class (`spam` / `ham`). */
  predictions: Counter<'class'>;
  /** Error responses, by error code (`invalid_json`, `not_found`, …). */
  errors: Counter<'code'>;
  /** Always 1, labelled with the model that is answering. */
  modelInfo: Gauge<'name' | 'version'>;
  /** Drift score of recent traffic against the model's reference (lab 04). */
  driftScore: Gauge;
  /** Admin requests refused for missing or wrong credentials (a rising rate is someone guessing). */
  adminAuthFailures: Counter;
}

/**
 * Sub-millisecond buckets first: a bag-of-words prediction takes tens of microseconds, and a
 * histogram whose first bucket is 5 ms would put every request in it.
 */
export const LATENCY_BUCKETS_SECONDS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export interface MetricsOptions {
  /** Also export process metrics (CPU, memory, event-loop lag); on for the real server. */
  processMetrics?: boolean;
  /** Called at scrape time to label `model_info`; errors (a hole) leave it empty. */
  currentModel?: () => ModelInfo | undefined;
  /** Called at scrape time to refresh the drift gauge; errors leave the gauge unset. */
  refreshDrift?: () => number | undefined;
}

export function createMetrics(options: MetricsOptions = {}): ServiceMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency in seconds.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [registry],
  });
  const predictions = new Counter({
    name: 'predictions_total',
    help: 'Predictions served, by predicted class.',
    labelNames: ['class'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'http_errors_total',
    help: 'Error responses, by error code.',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const currentModel = options.currentModel;
  const modelInfo = new Gauge({
    name: 'model_info',
    help: 'The model answering predictions (value is always 1).',
    labelNames: ['name', 'version'] as const,
    registers: [registry],
    collect() {
      // Read at scrape time, so a hot swap shows without the registry telling anyone.
      this.reset();
      try {
        const info = currentModel?.();
        if (info) this.set({ name: info.name, version: info.version }, 1);
      } catch {
        // No model yet (or loading is still a hole).
      }
    },
  });
  const refreshDrift = options.refreshDrift;
  const driftScore = new Gauge({
    name: 'model_drift_score',
    help: 'Drift of recent traffic against the training reference (higher = more drift).',
    registers: [registry],
    collect() {
      if (!refreshDrift) return;
      try {
        const score = refreshDrift();
        if (score !== undefined && Number.isFinite(score)) this.set(score);
      } catch {
        // Not implemented yet, or too few predictions: leave the last value.
      }
    },
  });
  const adminAuthFailures = new Counter({
    name: 'admin_auth_failures_total',
    help: 'Admin requests refused for missing or wrong credentials.',
    registers: [registry],
  });
  return { registry, requestDuration, predictions, errors, modelInfo, driftScore, adminAuthFailures };
}
