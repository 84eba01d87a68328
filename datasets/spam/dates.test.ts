import assert from 'node:assert/strict';
import { DATE_WINDOW, isPlausibleDate, parseMailDate } from './dates';

const iso = (value: string): string | null => parseMailDate(value)?.toISOString() ?? null;

describe('parseMailDate', () => {
  it('reads an RFC 2822 date with a numeric zone and a comment', () => {
    assert.equal(iso('Thu, 22 Aug 2002 08:17:21 -0400 (EDT)'), '2002-08-22T12:17:21.000Z');
  });

  it('reads two-digit years, named zones and AM/PM', () => {
    assert.equal(iso('22 Sep 02 15:51:31 -0000'), '2002-09-22T15:51:31.000Z');
    assert.equal(iso('Fri, 29 Jun 01 01:03:58 EST'), '2001-06-29T06:03:58.000Z');
    assert.equal(iso('27 Jun 01 3:36:25 PM'), '2001-06-27T15:36:25.000Z');
    assert.equal(iso('27 Jun 01 12:10:00 AM'), '2001-06-27T00:10:00.000Z');
  });

  it('reads asctime and numeric forms', () => {
    assert.equal(iso('Sat Sep 21 08:18:08 2002'), '2002-09-21T08:18:08.000Z');
    assert.equal(iso('2002/09/14 Sat 02:29:32 CDT'), '2002-09-14T07:29:32.000Z');
  });

  it('reads a missing or unknown zone as UTC, whatever the machine time zone', () => {
    assert.equal(iso('Mon, 28 Jul 1980 14:01:35'), '1980-07-28T14:01:35.000Z');
    assert.equal(iso('Sat, 13 Apr 02 18:49:02 Arabian Standard Time'), '2002-04-13T18:49:02.000Z');
  });

  it('keeps the year-1900 bug year as written (0102 stays 102)', () => {
    assert.equal(parseMailDate('Thu, 22 Aug 0102 12:07:35 +0800')?.getUTCFullYear(), 102);
  });

  it('returns null for a missing or unreadable value', () => {
    assert.equal(parseMailDate(undefined), null);
    assert.equal(parseMailDate(''), null);
    assert.equal(parseMailDate('yesterday'), null);
    assert.equal(parseMailDate('31 Feb 2002 10:00:00 +0000'), null);
    assert.equal(parseMailDate('Thu, 22 Foo 2002 10:00:00 +0000'), null);
  });
});

describe('isPlausibleDate', () => {
  it('accepts dates inside the window, edges included', () => {
    assert.equal(isPlausibleDate(new Date(DATE_WINDOW.from)), true);
    assert.equal(isPlausibleDate(new Date(DATE_WINDOW.to)), true);
    assert.equal(isPlausibleDate(new Date('2002-08-22T00:00:00Z')), true);
  });

  it('rejects missing dates and dates outside the window', () => {
    assert.equal(isPlausibleDate(null), false);
    assert.equal(isPlausibleDate(parseMailDate('Thu, 22 Aug 0102 12:07:35 +0800')), false);
    assert.equal(isPlausibleDate(new Date('1980-07-28T14:01:35Z')), false);
    assert.equal(isPlausibleDate(new Date('2028-10-04T16:05:01Z')), false);
  });
});
