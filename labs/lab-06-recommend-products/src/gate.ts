/**
 * The monthly retrain's gate (lab 05's rule, on recommendations): a candidate replaces the model
 * serving now only when it is measurably better on a month it never trained on. Both models
 * recommend for the same users of the month after the candidate's training data; a paired
 * bootstrap over those users (the same resampled users for both) gives a 95 % interval of the
 * recall@k gain; the candidate is promoted only when its lower bound is above 0. The numbers in an
 * artifact's `metadata.metrics` say what its author measured: the gate measures for itself.
 */
import type { LogEvent } from '../../../mlkit/recsys/types';
import type { Interval, UserBootstrap } from '../../../mlkit/recsys/user-bootstrap';
import type { ItemItemModel } from './item-item';
// TODO(lab-06-recommend-products): ./split, ./evaluate (userScores) and mlkit/recsys/user-bootstrap.ts's pairedGain(current, candidate, settings), the paired interval over users

/** A saved recommender as the retrain writes it. */
export interface RecsArtifact {
  model: ItemItemModel;
  metadata: {
    version: string;
    /** `YYYY-MM`: the last month of the training data. */
    trained_through: string;
    /** What the author measured (never read by the gate). */
    metrics?: Record<string, unknown>;
  };
}

export interface GateOptions {
  /** Cut-off of recall@k (default 10). */
  k?: number;
  /** Default: 1,000 resamples, seed 0. */
  bootstrap?: UserBootstrap;
}

export interface GateVerdict {
  promote: boolean;
  /** The month both models were scored on: the month after `candidate.metadata.trained_through`. */
  month: string;
  /** Users scored. */
  users: number;
  /** Mean recall@k of each model over those users. */
  current: number;
  candidate: number;
  /** mean(candidate) − mean(current), with its 95 % paired-bootstrap interval over users. */
  gain: Interval;
}

/**
 * @param events the cleaned log (every month the gate may need)
 * @param current the model serving now
 * @param candidate the freshly trained model
 */
export function gateCandidate(
  events: readonly LogEvent[],
  current: RecsArtifact,
  candidate: RecsArtifact,
  options: GateOptions = {},
): GateVerdict {
  void [events, current, candidate, options]; // your inputs
  throw new Error("lab-06-recommend-products: not implemented — k = options.k ?? 10, bootstrap = options.bootstrap ?? USER_BOOTSTRAP; splitByMonth(events, candidate.metadata.trained_through) is the month the candidate never saw; userScores for both models; pairedGain(current's recall, candidate's recall, bootstrap); promote only when gain.low > 0");
}
