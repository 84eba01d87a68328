/**
 * Which prediction log the service writes: lab 04's SQLite file by default (one replica, no
 * server to run), PostgreSQL when DATABASE_URL is set (several replicas share one log).
 */
import type { Registry } from 'prom-client';
import type { Config } from '../../server-template/src/config';
import type { PredictionLog, PredictionMetrics } from '../../server-template/src/contracts';
import { createLogger } from '../../server-template/src/logging';
import { SqlitePredictionLog } from '../lab-04-monitor/src/prediction-log';
import { PostgresPredictionLog } from './postgres-log';

/** A log that exports metrics of its own (the shared log's drops and buffer). */
interface WithMetrics {
  registerMetrics(registry: Registry): void;
}

function hasMetrics(log: PredictionLog): log is PredictionLog & WithMetrics {
  return typeof (log as Partial<WithMetrics>).registerMetrics === 'function';
}

/** The configured log. SQLite opens its file here (and throws if it cannot); PostgreSQL connects lazily. */
export function openPredictionLog(config: Pick<Config, 'predictionLog' | 'databaseUrl' | 'driftWindow' | 'logLevel'>): PredictionLog {
  if (config.databaseUrl === undefined) return new SqlitePredictionLog({ file: config.predictionLog });
  const log = createLogger(config.logLevel).child({ component: 'prediction-log' });
  return new PostgresPredictionLog({ url: config.databaseUrl, recentRows: config.driftWindow, log });
}

/** `metrics`, plus the log's own metrics when it has some, on the same registry. */
export function withLogMetrics(log: PredictionLog, metrics: PredictionMetrics): PredictionMetrics {
  return (registry) => {
    if (hasMetrics(log)) log.registerMetrics(registry);
    return metrics(registry);
  };
}
