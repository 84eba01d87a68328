import assert from 'node:assert/strict';
import { addMonths, monthOf, parseMonth, versionOfMonth } from './month';

describe('recsys months', () => {
  it('reads YYYY-MM as the UTC month [first day, first day of the next)', () => {
    const m = parseMonth('2010-05');
    assert.deepEqual(m, { label: '2010-05', year: 2010, month: 5, start: Date.UTC(2010, 4, 1), end: Date.UTC(2010, 5, 1) });
  });
  it('refuses anything else, saying what a month looks like', () => {
    for (const bad of ['2010-5', '2010-13', '2010-00', '10-05', '2010/05', '2010-05-01', ' 2010-05', ''])
      assert.throws(() => parseMonth(bad), /YYYY-MM with MM from 01 to 12/, bad);
  });
  it('steps across year ends both ways', () => {
    assert.equal(addMonths(parseMonth('2010-12'), 1).label, '2011-01');
    assert.equal(addMonths(parseMonth('2010-01'), -1).label, '2009-12');
    assert.equal(addMonths(parseMonth('2010-05'), 0).label, '2010-05');
  });
  it('finds the month of an instant, the last millisecond included', () => {
    assert.equal(monthOf(Date.UTC(2010, 5, 1) - 1).label, '2010-05');
    assert.equal(monthOf(Date.UTC(2010, 5, 1)).label, '2010-06');
  });
  it('names versions YEAR.MONTH.0, which sort numerically in time order', () => {
    assert.equal(versionOfMonth(parseMonth('2010-05')), '2010.5.0');
    assert.equal(versionOfMonth(parseMonth('2010-11')), '2010.11.0');
  });
});
