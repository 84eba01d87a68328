import assert from 'node:assert/strict';
import { meanInterval, pairedGain } from './user-bootstrap';

const users = 400;
// Per-user recall-like values in [0, 1] that vary a lot between users, as real ones do.
const current = Float64Array.from({ length: users }, (_, i) => ((i * 37) % 11) / 10);

describe('bootstrap over users', () => {
  it('puts the mean inside its interval, and the interval narrows with more users', () => {
    const ci = meanInterval(current);
    assert.ok(ci.low < ci.estimate && ci.estimate < ci.high);
    const doubled = meanInterval(Float64Array.from({ length: users * 4 }, (_, i) => current[i % users] as number));
    assert.ok(doubled.high - doubled.low < (ci.high - ci.low) * 0.7);
  });
  it('gives a zero gain, bounds included, for two identical models', () => {
    assert.deepEqual(pairedGain(current, current), { estimate: 0, low: 0, high: 0 });
  });
  it('finds a small gain every user shares, which two unpaired intervals would call noise', () => {
    const better = current.map((v) => v + 0.02);
    const gain = pairedGain(current, better);
    assert.ok(Math.abs(gain.estimate - 0.02) < 1e-12 && gain.low > 0.019, JSON.stringify(gain));
    assert.ok(meanInterval(better).low < meanInterval(current).high, 'the unpaired intervals overlap');
  });
  it('does not call a gain of one lucky user above the noise', () => {
    const lucky = Float64Array.from(current);
    lucky[0] = (lucky[0] as number) + 1;
    const gain = pairedGain(current, lucky);
    assert.ok(gain.estimate > 0 && gain.low <= 0, JSON.stringify(gain));
  });
  it('refuses models scored on different users, or on none', () => {
    assert.throws(() => pairedGain(current, current.slice(1)), /same users, got 400 and 399/);
    assert.throws(() => meanInterval([]), /no users to score/);
  });
});
