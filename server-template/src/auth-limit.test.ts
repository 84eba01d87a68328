import assert from 'node:assert/strict';
import { FailureLimiter } from './auth-limit';

describe('FailureLimiter', () => {
  let now = 0;
  const limiter = (): FailureLimiter => new FailureLimiter({ maxFailures: 3, windowMs: 1_000, maxClients: 2, now: () => now });
  beforeEach(() => (now = 10_000));

  it('lets a client fail up to the budget, then makes it wait for the end of its window', () => {
    const l = limiter();
    for (let i = 0; i < 2; i++) l.recordFailure('a');
    assert.equal(l.retryAfterMs('a'), 0);
    l.recordFailure('a');
    now += 400;
    assert.equal(l.retryAfterMs('a'), 600);
    now += 600;
    assert.equal(l.retryAfterMs('a'), 0);
  });

  it('counts each client on its own', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure('a');
    assert.ok(l.retryAfterMs('a') > 0);
    assert.equal(l.retryAfterMs('b'), 0);
  });

  it('starts a fresh budget once the window has passed', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure('a');
    now += 1_000;
    l.recordFailure('a');
    assert.equal(l.retryAfterMs('a'), 0);
  });

  it('remembers at most maxClients, forgetting the oldest first', () => {
    const l = limiter();
    for (const c of ['a', 'b', 'c', 'd']) l.recordFailure(c);
    assert.equal(l.size, 2);
    for (let i = 0; i < 2; i++) l.recordFailure('d');
    assert.ok(l.retryAfterMs('d') > 0, 'the newest client is still counted');
  });
});
