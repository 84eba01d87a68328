import assert from 'node:assert/strict';
import { hashToUnit, inCanary, requestKey } from '../../lab-07-roll-out-safely/src/canary';

/** Seeded user ids (a linear congruential generator), so the trace is the same on every run. */
function users(n: number, seed: number): string[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return `user-${x.toString(36)}`;
  });
}

describe('release/canary', () => {
  describe('inCanary over a seeded trace of 10,000 users', () => {
    // 0.01, or 3.3 binomial standard deviations where that is wider (share 0.5: 0.0165).
    const tolerance = (share: number, n: number): number => Math.max(0.01, 3.3 * Math.sqrt((share * (1 - share)) / n));
    for (const share of [0.01, 0.1, 0.5]) {
      it(`sends ${share} of them to the candidate, within ${tolerance(share, 10_000).toFixed(4)}`, () => {
        const keys = users(10_000, 7).map((u) => requestKey(['any text'], { userId: u }));
        const got = keys.filter((k) => inCanary(k, share)).length / keys.length;
        assert.ok(Math.abs(got - share) <= tolerance(share, keys.length), `share ${share}: got ${got}`);
      });
    }
    it('sends sequential ids (user-1, user-2, …) in the right share too', () => {
      const keys = Array.from({ length: 10_000 }, (_, i) => `user:${i + 1}`);
      const got = keys.filter((k) => inCanary(k, 0.1)).length / keys.length;
      assert.ok(Math.abs(got - 0.1) <= 0.01, `got ${got}`);
    });
  });

  it('gives one user the same side whatever they send', () => {
    for (const user of users(200, 3)) {
      const sides = ['hello', 'FREE MONEY', 'meeting at ten'].map((t) => inCanary(requestKey([t], { userId: user }), 0.3));
      assert.equal(new Set(sides).size, 1, `${user} saw both versions`);
    }
  });

  it('only moves users towards the candidate when the share grows', () => {
    const keys = users(2_000, 11);
    for (const key of keys) if (inCanary(key, 0.1)) assert.ok(inCanary(key, 0.2), `${key} left the candidate at a larger share`);
  });

  it('share 0 sends nobody, share 1 everybody', () => {
    const keys = users(1_000, 5);
    assert.equal(keys.filter((k) => inCanary(k, 0)).length, 0);
    assert.equal(keys.filter((k) => inCanary(k, 1)).length, keys.length);
  });

  it('hashes into [0, 1), the same in every process', () => {
    for (const key of users(1_000, 1)) {
      const h = hashToUnit(key);
      assert.ok(h >= 0 && h < 1, `${key} → ${h}`);
    }
    // Pinned: a changed hash would move the users of a running release (and every replica must agree).
    assert.equal(hashToUnit('user:42').toFixed(6), '0.139642');
    assert.equal(hashToUnit('').toFixed(6), '0.668922');
  });

  describe('requestKey', () => {
    it('is the user id when there is one, else the texts', () => {
      assert.equal(requestKey(['a'], { userId: 'u1' }), requestKey(['b'], { userId: 'u1' }));
      assert.equal(requestKey(['a', 'b'], {}), requestKey(['a', 'b'], {}));
      assert.notEqual(requestKey(['a', 'b'], {}), requestKey(['ab'], {}));
      assert.notEqual(requestKey(['x'], { userId: 'x' }), requestKey(['x'], {}));
    });
  });
});
