// @ts-nocheck — a fixture submission: its imports resolve only once staged as labs/<lab>/.
import type { DriftMonitor, DriftSummary, LoadedModel, PredictionLog, StoredPrediction } from '../../../server-template/src/contracts';
import { HttpError } from '../../../server-template/src/errors';
import type { DriftReference, DriftReport, Row } from '../../../mlkit/drift';
// BEGIN SOLUTION hint: import driftReport from the toolkit's drift module
import { driftReport } from '../../../mlkit/drift';
// END SOLUTION

/** Below this many logged predictions a drift test says more about chance than about traffic. */
export const MIN_DRIFT_ROWS = 20;

/**
 * The rows the drift report compares with the reference: text features plus what the model
 * answered (the same columns `monitoringRow` gives when the reference is built).
 */
export function monitoringRows(predictions: StoredPrediction[]): Row[] {
  // BEGIN SOLUTION hint: spread the stored features and add probability and prediction
  return predictions.map((p) => ({ ...p.features, probability: p.probability, prediction: p.prediction }));
  // END SOLUTION
}

/**
 * One number for the dashboard: the share of monitored columns that drifted, in [0, 1]
 * (0.5 or more is the toolkit's "dataset drift").
 */
export function driftScore(report: DriftReport): number {
  // BEGIN SOLUTION hint: the report already has share_of_drifted_columns
  return report.share_of_drifted_columns;
  // END SOLUTION
}

/** The drift reference stored in the artifact's metadata.json, or a 409 saying it is missing. */
export function referenceOf(model: LoadedModel): DriftReference {
  const reference = model.metadata['reference'] as DriftReference | undefined;
  if (!reference || typeof reference !== 'object' || typeof reference.columns !== 'object') {
    throw new HttpError(409, 'no_reference', `Model ${model.info.name} ${model.info.version} has no drift reference in metadata.json.`);
  }
  return reference;
}

/** Drift of the last `window` logged predictions against the answering model's reference. */
export class LogDriftMonitor implements DriftMonitor {
  constructor(
    readonly log: PredictionLog,
    /** How many recent predictions a report covers (DRIFT_WINDOW). */
    readonly window: number,
  ) {}

  report(model: LoadedModel): DriftSummary {
    // BEGIN SOLUTION hint: read log.recent(window); too few rows → 409 not_enough_data; else driftReport
    const reference = referenceOf(model);
    const recent = this.log.recent(this.window);
    if (recent.length < MIN_DRIFT_ROWS) {
      throw new HttpError(409, 'not_enough_data', `Drift needs at least ${MIN_DRIFT_ROWS} logged predictions; there are ${recent.length}.`);
    }
    const report = driftReport(reference, monitoringRows(recent));
    return { score: driftScore(report), window: recent.length, report };
    // END SOLUTION
  }
}
