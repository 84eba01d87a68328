/**
 * The canary split: which requests the candidate answers. A request's key (the caller's user id,
 * or its texts when it sends none) is hashed to a number in [0, 1); keys below `share` go to the
 * candidate. The same key always lands on the same side, so one user sees one version for the
 * whole release, and raising the share only moves users from stable to candidate, never back.
 */
import type { RequestOrigin } from '../../../server-template/src/contracts';

/**
 * A stable hash of `key`, spread evenly over [0, 1): the same key gives the same number in every
 * process, on every machine, after every restart (every replica of the service must agree).
 * @param key any string, the empty one included
 * @returns a number in [0, 1)
 */
export function hashToUnit(key: string): number {
  void [key]; // your inputs
  throw new Error("lab-07-roll-out-safely: not implemented — FNV-1a over the key's UTF-16 code units (Math.imul keeps 32 bits), then divide the unsigned result by 2 ** 32");
}

/**
 * The key a request is split by: its `X-User-Id` when sent, else its texts (so a retried
 * request gets the same version). The two kinds never collide: each has its own prefix.
 */
export function requestKey(texts: readonly string[], origin: RequestOrigin): string {
  return origin.userId !== undefined ? `user:${origin.userId}` : `texts:${texts.join('\u0000')}`;
}

/**
 * True when the candidate answers the request with this key.
 * @param share fraction of keys the candidate answers, in [0, 1]: 0 exactly none, 1 exactly all
 * @throws RangeError naming `share` when it is not a number in [0, 1] (NaN included)
 */
export function inCanary(key: string, share: number): boolean {
  void [key, share]; // your inputs
  throw new Error("lab-07-roll-out-safely: not implemented — refuse a share that is not a finite number in [0, 1] (RangeError), then compare hashToUnit(key) with share");
}
