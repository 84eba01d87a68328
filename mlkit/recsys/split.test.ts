import assert from 'node:assert/strict';
import { addMonthsUtc, inWindow, timeSplit } from './split';

const d = (s: string): number => Date.parse(s);

describe('time-based split', () => {
  it('moves by calendar months in UTC, clamping to the last day', () => {
    assert.equal(addMonthsUtc(d('2010-01-31T10:00:00Z'), 1), d('2010-02-28T10:00:00Z'));
    assert.equal(addMonthsUtc(d('2010-12-01T00:00:00Z'), 1), d('2011-01-01T00:00:00Z'));
    assert.equal(addMonthsUtc(d('2010-06-01T00:00:00Z'), -5), d('2010-01-01T00:00:00Z'));
  });
  it('trains before T and tests on [T, T + 1 month), end exclusive', () => {
    const rows = ['2010-05-31T23:59:59.999Z', '2010-06-01T00:00:00Z', '2010-06-30T23:59:59Z', '2010-07-01T00:00:00Z'].map((s) => ({
      ts: d(s),
    }));
    const s = timeSplit(rows, d('2010-06-01T00:00:00Z'));
    assert.deepEqual(s.train, [rows[0]]);
    assert.deepEqual(s.test, [rows[1], rows[2]]);
    assert.equal(s.window.testTo, d('2010-07-01T00:00:00Z'));
  });
  it('can start the training window later and make the test window longer', () => {
    const rows = [1, 5, 10, 20].map((day) => ({ ts: Date.UTC(2010, 0, day) }));
    const s = timeSplit(rows, Date.UTC(2010, 0, 10), { trainFrom: Date.UTC(2010, 0, 2), testMonths: 2 });
    assert.deepEqual(s.train, [rows[1]]);
    assert.deepEqual(s.test, [rows[2], rows[3]]);
    assert.deepEqual(inWindow(rows, Date.UTC(2010, 0, 1), Date.UTC(2010, 0, 5)), [rows[0]]);
  });
  it('refuses a cutoff that is not a number', () => {
    assert.throws(() => timeSplit([], NaN), /epoch ms/);
  });
});
