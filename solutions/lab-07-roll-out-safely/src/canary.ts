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
  // BEGIN SOLUTION hint: FNV-1a over the key's UTF-16 code units (Math.imul keeps 32 bits), then divide the unsigned result by 2 ** 32
  // FNV-1a, 32 bits: fast, the same everywhere (unlike a seeded or per-process hash).
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche (murmur3's) so that keys like user-1, user-2 do not fall into neighbouring slices.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
  // END SOLUTION
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
  // BEGIN SOLUTION hint: refuse a share that is not a finite number in [0, 1] (RangeError), then compare hashToUnit(key) with share
  if (!(typeof share === 'number' && share >= 0 && share <= 1)) {
    throw new RangeError(`share must be a number in [0, 1] (the fraction of users the candidate answers), got ${share}`);
  }
  if (share === 0) return false;
  if (share === 1) return true;
  return hashToUnit(key) < share;
  // END SOLUTION
}
