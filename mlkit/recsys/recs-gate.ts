/**
 * The promotion gate of the monthly retrain, the course's rule (lab 05) on ranking metrics: the
 * candidate and the current model recommend for the same users of a month neither trained on;
 * the candidate is promoted only when the lower bound of the paired-bootstrap interval of its
 * gain (over users) is above zero — it must beat the current model by more than the noise.
 * Both models are measured here; nothing either artifact's metadata claims is read.
 */
import { type PerUserScores, perUserScores } from './per-user';
import type { Recommender } from './types';
import { type Interval, meanInterval, pairedGain, USER_BOOTSTRAP, type UserBootstrap } from './user-bootstrap';

export type GateMetric = 'recall' | 'ndcg';

export interface ModelScores {
  recall: Interval;
  ndcg: Interval;
}

export interface RecsVerdict {
  promote: boolean;
  /** The metric whose gain decides. */
  metric: GateMetric;
  k: number;
  users: number;
  current: ModelScores;
  candidate: ModelScores;
  /** candidate − current, per metric. */
  gain: ModelScores;
  bootstrap: UserBootstrap;
}

export interface GateOptions {
  /** Default recall (@k). */
  metric?: GateMetric;
  /** Default 10. */
  k?: number;
  bootstrap?: UserBootstrap;
}

/** Mean and interval of each metric. */
export function scoreIntervals(s: PerUserScores, bootstrap: UserBootstrap = USER_BOOTSTRAP): ModelScores {
  return { recall: meanInterval(s.recall, bootstrap), ndcg: meanInterval(s.ndcg, bootstrap) };
}

/**
 * Both models on the test month; promote only when gain[metric].low > 0.
 * @param history per user, every item touched before the test month (excluded from both lists).
 */
export function compareOnMonth(
  current: Recommender,
  candidate: Recommender,
  test: readonly { user: number; item: number }[],
  history: ReadonlyMap<number, ReadonlySet<number>>,
  options: GateOptions = {},
): RecsVerdict {
  const k = options.k ?? 10,
    metric = options.metric ?? 'recall',
    bootstrap = options.bootstrap ?? USER_BOOTSTRAP;
  const old = perUserScores(current, test, history, k),
    next = perUserScores(candidate, test, history, k);
  const gain = { recall: pairedGain(old.recall, next.recall, bootstrap), ndcg: pairedGain(old.ndcg, next.ndcg, bootstrap) };
  return {
    promote: gain[metric].low > 0,
    metric,
    k,
    users: old.users.length,
    current: scoreIntervals(old, bootstrap),
    candidate: scoreIntervals(next, bootstrap),
    gain,
    bootstrap,
  };
}
