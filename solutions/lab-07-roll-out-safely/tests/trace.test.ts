import assert from 'node:assert/strict';
import { binomialTolerance, lcg, trace, users } from '../grader/trace';

describe('lab-07 seeded trace', () => {
  it('gives the same numbers for the same seed, and others for another seed', () => {
    const a = lcg(7);
    const b = lcg(7);
    const c = lcg(8);
    const first = [a(), a(), a()];
    assert.deepEqual([b(), b(), b()], first);
    assert.notDeepEqual([c(), c(), c()], first);
    for (const x of first) assert.ok(x >= 0 && x < 1, String(x));
  });

  it('makes distinct user ids and sends each user exactly `each` requests, spread over the trace', () => {
    const ids = users(300, 7);
    assert.equal(new Set(ids).size, 300);
    const t = trace(ids, 2, 11);
    assert.equal(t.length, 600);
    const per = new Map<string, number>();
    for (const r of t) per.set(r.user, (per.get(r.user) ?? 0) + 1);
    assert.ok([...per.values()].every((n) => n === 2));
    // Shuffled: not every user's two requests back to back.
    const adjacent = t.filter((r, i) => t[i + 1]?.user === r.user).length;
    assert.ok(adjacent < 30, `${adjacent} users sent their requests back to back`);
  });

  it('derives the split tolerance from the binomial: z standard deviations of the share', () => {
    assert.equal(binomialTolerance(0.25, 500, 1), Math.sqrt((0.25 * 0.75) / 500));
    assert.ok(Math.abs(binomialTolerance(0.25, 500) - 0.0871) < 1e-4);
    assert.equal(binomialTolerance(0, 100), 0);
    assert.throws(() => binomialTolerance(0.5, 0), /n must be > 0/);
  });
});
