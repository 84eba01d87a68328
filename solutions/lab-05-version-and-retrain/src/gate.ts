/**
 * The promotion gate: a candidate replaces the current model only when it is measurably better
 * on a fixed holdout neither trained on. Both models predict the same holdout rows, each at its
 * own threshold; a paired bootstrap resamples those rows (the same rows for both) and records
 * F1(candidate) − F1(current) each time; the candidate is promoted only when the lower 2.5 %
 * bound of that gain is above 0. F1 because it holds recall and precision in one number: a
 * candidate that buys recall with false alarms loses F1. The candidate's metadata.json is never
 * read: it says what its author measured, the gate measures for itself.
 */
import type { LoadedModel } from '../../../server-template/src/contracts';
import { HttpError } from '../../../server-template/src/errors';
import { applyThreshold, confusionMatrix, f1 } from '../../../mlkit/metrics';
// BEGIN SOLUTION hint: mlkit's bootstrapCI resamples with a seed; resample row indices to keep the pairs
import { bootstrapCI } from '../../../mlkit/metrics';
// END SOLUTION
import type { Holdout } from './holdout';
import type { EvaluationGate } from './versioning';

/** An estimate with its 95 % bootstrap interval. */
export interface GainInterval {
  estimate: number;
  low: number;
  high: number;
}

export interface BootstrapSettings {
  resamples: number;
  /** Same seed, same interval: the verdict is reproducible. */
  seed: number;
}

/** What the lab's gate uses: 1,000 resamples, seed 0. */
export const GATE_BOOTSTRAP: BootstrapSettings = { resamples: 1000, seed: 0 };

/** F1 of 0/1 predictions `pred[idx[i]]` against `y[i]` (the labels already drawn at `idx`). */
export function f1On(y: ArrayLike<number>, pred: ArrayLike<number>, idx: ArrayLike<number>): number {
  return f1(
    confusionMatrix(
      y,
      Array.from(idx, (i) => pred[i] as number),
    ),
  );
}

/**
 * F1(candidate) − F1(current) on the same rows, with its 95 % paired-bootstrap interval.
 * @param labels n labels (1 = spam, 0 = ham)
 * @param current n 0/1 predictions of the current model
 * @param candidate n 0/1 predictions of the candidate, same rows
 */
export function pairedF1Gain(
  labels: ArrayLike<number>,
  current: ArrayLike<number>,
  candidate: ArrayLike<number>,
  settings: BootstrapSettings = GATE_BOOTSTRAP,
): GainInterval {
  // BEGIN SOLUTION hint: bootstrapCI(labels, the row indices 0…n−1, (y, idx) => f1On(y, candidate, idx) − f1On(y, current, idx), settings): the same drawn rows score both models
  const indices = Float64Array.from(labels, (_, i) => i);
  const ci = bootstrapCI(labels, indices, (y, idx) => f1On(y, candidate, idx) - f1On(y, current, idx), settings);
  return { estimate: ci.estimate, low: ci.low, high: ci.high };
  // END SOLUTION
}

const PREDICTIONS = new WeakMap<Holdout, Map<string, Uint8Array>>();

/**
 * The model's 0/1 predictions on the holdout at its own threshold. Scored once per model file:
 * the key is the checksum the loader verified (the file's identity, not a claim about its
 * quality) and the threshold, so the current model, met by every candidate, is scored once.
 */
export function holdoutPredictions(model: LoadedModel, holdout: Holdout): Uint8Array {
  const files = model.metadata['files'] as Record<string, { sha256?: unknown } | undefined> | undefined;
  const sha = files?.['model.json']?.sha256;
  const score = (): Uint8Array => applyThreshold(model.predictProba(holdout.texts), model.threshold);
  if (typeof sha !== 'string') return score();
  const cache = PREDICTIONS.get(holdout) ?? new Map<string, Uint8Array>();
  PREDICTIONS.set(holdout, cache);
  const key = `${sha} ${model.threshold}`;
  const pred = cache.get(key) ?? score();
  cache.set(key, pred);
  return pred;
}

export interface GateVerdict {
  promote: boolean;
  /** F1 of each model on the whole holdout. */
  currentF1: number;
  candidateF1: number;
  /** F1(candidate) − F1(current), with its 95 % paired-bootstrap interval. */
  gain: GainInterval;
  rows: number;
}

/** Both models on the same holdout rows; promote only when the gain's lower bound is above 0. */
export function compareOnHoldout(
  current: LoadedModel,
  candidate: LoadedModel,
  holdout: Holdout,
  settings: BootstrapSettings = GATE_BOOTSTRAP,
): GateVerdict {
  // BEGIN SOLUTION hint: holdoutPredictions for each model, pairedF1Gain, f1On over all rows for each model's F1; promote only when gain.low > 0 — and never read candidate.metadata
  const old = holdoutPredictions(current, holdout);
  const next = holdoutPredictions(candidate, holdout);
  const gain = pairedF1Gain(holdout.labels, old, next, settings);
  const all = Float64Array.from(holdout.labels, (_, i) => i);
  return {
    promote: gain.low > 0,
    currentF1: f1On(holdout.labels, old, all),
    candidateF1: f1On(holdout.labels, next, all),
    gain,
    rows: holdout.texts.length,
  };
  // END SOLUTION
}

/** 422 `gate_failed`: the numbers in the message, and in `details` for programs. */
export function gateFailed(current: LoadedModel, candidate: LoadedModel, v: GateVerdict): HttpError {
  const f = (x: number): string => x.toFixed(3);
  return new HttpError(
    422,
    'gate_failed',
    `Version ${candidate.info.version} does not beat ${current.info.version} on the holdout: F1 ${f(v.candidateF1)} vs ${f(v.currentF1)}, ` +
      `gain ${f(v.gain.estimate)} with 95 % interval [${f(v.gain.low)}, ${f(v.gain.high)}]; the gate needs the lower bound above 0. ` +
      `${current.info.version} keeps answering (to return to an earlier model, POST /admin/rollback).`,
    { metric: 'f1', holdout_rows: v.rows, current: v.currentF1, candidate: v.candidateF1, gain: v.gain },
  );
}

/**
 * The gate `VersionedRegistry` calls before a swap.
 * @param holdout read when first needed (it may throw an HttpError, e.g. 503 when there is none)
 */
export function holdoutGate(holdout: () => Holdout, settings: BootstrapSettings = GATE_BOOTSTRAP): EvaluationGate {
  // BEGIN SOLUTION hint: return { check(current, candidate) { … } }: compareOnHoldout(current, candidate, holdout(), settings); not promoted → throw gateFailed(…)
  return {
    check(current, candidate) {
      const verdict = compareOnHoldout(current, candidate, holdout(), settings);
      if (!verdict.promote) throw gateFailed(current, candidate, verdict);
    },
  };
  // END SOLUTION
}
