// @ts-nocheck — a fixture submission: its imports resolve only once staged as labs/<lab>/.
import type { AdminGuard } from '../../../server-template/src/contracts';
import { HttpError } from '../../../server-template/src/errors';
// BEGIN SOLUTION hint: node:crypto has what you need to compare secrets in constant time
import { createHash, timingSafeEqual } from 'node:crypto';
// END SOLUTION

/**
 * The token in an `Authorization: Bearer <token>` header.
 * @returns undefined when the header is missing or is not a Bearer credential
 */
export function bearerToken(authorization: string | undefined): string | undefined {
  // BEGIN SOLUTION hint: the scheme is case-insensitive; the token is what follows one space
  const match = /^Bearer (.+)$/.exec(authorization ?? '');
  return match ? match[1] : undefined;
  // END SOLUTION
}

/**
 * True when `given` equals `expected`, in time that does not depend on where they differ
 * (a plain `===` stops at the first wrong character, which lets an attacker guess byte by byte).
 */
export function tokensMatch(given: string, expected: string): boolean {
  // BEGIN SOLUTION hint: hash both to equal-length digests, then crypto.timingSafeEqual
  void createHash;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  // END SOLUTION
}

/** 401 without usable credentials, 403 with a wrong token. */
export const bearerGuard: AdminGuard = {
  authorize(authorization, token) {
    const given = bearerToken(authorization);
    if (given === undefined) {
      throw new HttpError(401, 'unauthorized', 'Send "Authorization: Bearer <ADMIN_TOKEN>".', undefined, {
        'WWW-Authenticate': 'Bearer realm="admin"',
      });
    }
    if (!tokensMatch(given, token)) throw new HttpError(403, 'forbidden', 'The admin token is wrong.');
  },
};
