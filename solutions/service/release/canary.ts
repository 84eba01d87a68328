/**
 * The canary split: which requests the candidate answers. A request's key (the caller's user id,
 * or its texts when it sends none) is hashed to a number in [0, 1); keys below `share` go to the
 * candidate. The same key always lands on the same side, so one user sees one version for the
 * whole release, and raising the share only moves users from stable to candidate, never back.
 */
import type { RequestOrigin } from '../../../server-template/src/contracts';

/**
 * FNV-1a, 32 bits, over the key's UTF-16 code units: fast, stable across processes and
 * machines (unlike a seeded hash), and well spread for keys that differ in one character.
 * @returns a number in [0, 1)
 */
export function hashToUnit(key: string): number {
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
 * @param share fraction of keys in [0, 1] the candidate answers (0: none, 1: all)
 */
export function inCanary(key: string, share: number): boolean {
  return hashToUnit(key) < share;
}
