/** Instructor checks for lab 05's admin guard at its edges: near-miss tokens, non-ASCII text, the scheme's case. */
import { check, expectEqual, submission } from '../../../grading/harness';
import { AUTH, TOKEN } from '../grader/http';

const fn = (name: string, ...args: unknown[]): Promise<unknown> => submission().call(AUTH, name, args);

describe('lab-05 instructor checks: admin guard edges', () => {
  check(
    'tokensMatch: a prefix, an extension, the empty string and a non-ASCII look-alike of the same length are not the token',
    1,
    `${AUTH}: tokensMatch() — compare digests of the whole strings (bytes, not characters), never a common prefix`,
    async () => {
      const nearMisses = {
        'the first 12 characters': TOKEN.slice(0, 12),
        'the token and one more character': `${TOKEN}0`,
        'the empty string': '',
        'the token with its last character replaced by "é" (same length in characters, not in bytes)': `${TOKEN.slice(0, -1)}é`,
      };
      for (const [what, given] of Object.entries(nearMisses))
        expectEqual(await fn('tokensMatch', given, TOKEN), false, `tokensMatch(${what}, token)`);
    },
  );
  check(
    'bearerToken: the scheme in any case ("BEARER", "bEaReR")',
    1,
    `${AUTH}: bearerToken() — match the scheme case-insensitively`,
    async () => {
      for (const scheme of ['BEARER', 'bEaReR'])
        expectEqual(await fn('bearerToken', `${scheme} ${TOKEN}`), TOKEN, `bearerToken(${JSON.stringify(`${scheme} <token>`)})`);
    },
  );
  check(
    'bearerToken: a credential of more than one word after the scheme is no token',
    1,
    `${AUTH}: bearerToken() — exactly one word after "Bearer"; anything else is undefined`,
    async () => {
      for (const header of [`Bearer ${TOKEN} extra`, `Bearer ${TOKEN} ${TOKEN}`]) {
        const got = await fn('bearerToken', header);
        if (got !== undefined && got !== null)
          throw new Error(`bearerToken(${JSON.stringify(header)}): expected undefined, got ${JSON.stringify(got)}`);
      }
    },
  );
});
