/**
 * Date header parsing that gives the same answer on every machine.
 *
 * `Date.parse` reads a date without a zone in the machine's local time, and mail parsers fill a
 * missing Date header with "now": both would make two builds differ. So the header is parsed
 * here, by hand, and a missing zone means UTC.
 */

/** Dates outside this window (inclusive, UTC) are flagged `date_plausible: false`. */
export const DATE_WINDOW = { from: '1995-01-01T00:00:00.000Z', to: '2006-12-31T23:59:59.999Z' } as const;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Zone names RFC 2822 allows (obsolete syntax), in minutes east of UTC. Others ("Eastern
// Daylight Time", "MET DST") are read as UTC: the day is still right, the hour may not be.
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  rest: string;
}

// "Wed, 21 Aug 2002 20:31:57 -1600", "22 Sep 02 15:51:31 -0000", "27 Jun 01 3:36:25 AM"
const RFC = /^(?:[a-z]+,?\s*)?(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?\s*(.*)$/i;
// asctime: "Sat Sep 21 08:18:08 2002"
const ASCTIME = /^[a-z]+\s+([a-z]{3})[a-z]*\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(\d{4})\s*(.*)$/i;
// numeric: "2002/09/14 Sat 02:29:32 CDT"
const NUMERIC = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})\s+(?:[a-z]+\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(.*)$/i;

function splitParts(text: string): Parts | null {
  let m = RFC.exec(text);
  if (m) {
    return {
      day: +m[1]!,
      month: MONTHS.indexOf(m[2]!.toLowerCase()),
      year: +m[3]!,
      hour: +m[4]!,
      minute: +m[5]!,
      second: +(m[6] ?? 0),
      rest: m[7]!,
      ...twoDigit(m[3]!),
    };
  }
  m = ASCTIME.exec(text);
  if (m) {
    return {
      month: MONTHS.indexOf(m[1]!.toLowerCase()),
      day: +m[2]!,
      hour: +m[3]!,
      minute: +m[4]!,
      second: +(m[5] ?? 0),
      year: +m[6]!,
      rest: m[7]!,
    };
  }
  m = NUMERIC.exec(text);
  if (m) {
    return { year: +m[1]!, month: +m[2]! - 1, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +(m[6] ?? 0), rest: m[7]! };
  }
  return null;
}

// RFC 2822 §4.3: two-digit years below 50 are 20xx, others 19xx. Longer years are kept as
// written: "0102" (a year-1900 bug in some mailers) stays 102 and is flagged implausible.
function twoDigit(year: string): { year?: number } {
  if (year.length !== 2) return {};
  const y = +year;
  return { year: y < 50 ? 2000 + y : 1900 + y };
}

/** Offset in minutes east of UTC from the text after the time ("-0400", "PM EST", ""). */
function zoneOffset(rest: string): { offset: number; pm: boolean | null } {
  let text = rest.trim();
  let pm: boolean | null = null;
  const ampm = /^(am|pm)\b\s*/i.exec(text);
  if (ampm) {
    pm = ampm[1]!.toLowerCase() === 'pm';
    text = text.slice(ampm[0].length);
  }
  const numeric = /^([+-])(\d{2})(\d{2})\b/.exec(text);
  if (numeric) return { offset: (numeric[1] === '-' ? -1 : 1) * (+numeric[2]! * 60 + +numeric[3]!), pm };
  const name = /^[a-z]+/i.exec(text);
  return { offset: name ? (ZONES[name[0].toLowerCase()] ?? 0) : 0, pm };
}

/**
 * Parses a Date header value.
 *
 * @param value the raw header value, e.g. "Thu, 22 Aug 2002 08:17:21 -0400 (EDT)".
 * @returns the instant as a Date (UTC), or null when the value is missing or cannot be read.
 */
export function parseMailDate(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const text = value
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const parts = splitParts(text);
  if (!parts || parts.month < 0 || parts.month > 11 || parts.day < 1 || parts.day > 31 || parts.minute > 59 || parts.second > 60)
    return null;
  const { offset, pm } = zoneOffset(parts.rest);
  let hour = parts.hour;
  if (pm !== null && hour <= 12) hour = (hour % 12) + (pm ? 12 : 0);
  if (hour > 23) return null;
  const date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month, parts.day);
  if (date.getUTCDate() !== parts.day) return null; // 31 Feb would roll over into March
  date.setUTCHours(hour, parts.minute, parts.second, 0);
  date.setTime(date.getTime() - offset * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** True when the date exists and falls inside {@link DATE_WINDOW}. */
export function isPlausibleDate(date: Date | null): boolean {
  if (date === null) return false;
  const t = date.getTime();
  return t >= Date.parse(DATE_WINDOW.from) && t <= Date.parse(DATE_WINDOW.to);
}
