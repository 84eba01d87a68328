/**
 * Bootstrap intervals over users: resample the test month's users with replacement and recompute
 * the mean. Paired when two models are compared: each resample draws the same users for both,
 * so the interval is of the gain itself, not of two scores that each wobble.
 */
import { bootstrapCI } from '../metrics/bootstrap';

/** An estimate and its 95 % percentile-bootstrap interval. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

export interface UserBootstrap {
  resamples: number;
  /** Same seed, same interval: a verdict can be reproduced. */
  seed: number;
}

/** The course's gate settings (lab 05): 1,000 resamples, seed 0. */
export const USER_BOOTSTRAP: UserBootstrap = { resamples: 1000, seed: 0 };

function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] as number;
  return s / v.length;
}

function checkUsers(values: ArrayLike<number>, what: string): void {
  if (values.length === 0) throw new RangeError(`${what}: no users to score (the test month has no user with a new item)`);
}

/** Mean over users of a per-user metric, with its 95 % interval. */
export function meanInterval(values: ArrayLike<number>, settings: UserBootstrap = USER_BOOTSTRAP): Interval {
  checkUsers(values, 'meanInterval');
  const ci = bootstrapCI(values, values, (y) => mean(y), settings);
  return { estimate: ci.estimate, low: ci.low, high: ci.high };
}

/**
 * mean(candidate) − mean(current) over the same users, with its 95 % paired interval.
 * @param current per-user metric of the current model; candidate: of the candidate, same users in the same order.
 */
export function pairedGain(current: ArrayLike<number>, candidate: ArrayLike<number>, settings: UserBootstrap = USER_BOOTSTRAP): Interval {
  checkUsers(current, 'pairedGain');
  if (current.length !== candidate.length)
    throw new RangeError(`pairedGain: both models must be scored on the same users, got ${current.length} and ${candidate.length}`);
  // bootstrapCI draws (current[j], candidate[j]) pairs together: one user, both models.
  const ci = bootstrapCI(current, candidate, (cur, cand) => mean(cand) - mean(cur), settings);
  return { estimate: ci.estimate, low: ci.low, high: ci.high };
}
