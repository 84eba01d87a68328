/**
 * Calendar months in UTC, the unit the monthly retrain works in: `2010-05` is
 * `[2010-05-01, 2010-06-01)`. A version names the last month a model was trained on.
 */

export interface Month {
  /** `YYYY-MM`. */
  label: string;
  year: number;
  /** 1 = January. */
  month: number;
  /** `[start, end)`, epoch ms UTC. */
  start: number;
  end: number;
}

function make(year: number, month: number): Month {
  const start = Date.UTC(year, month - 1, 1);
  const d = new Date(start);
  const y = d.getUTCFullYear(),
    m = d.getUTCMonth() + 1;
  return { label: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`, year: y, month: m, start, end: Date.UTC(y, m, 1) };
}

/**
 * @param text `YYYY-MM`, e.g. `2010-05`.
 * @throws RangeError saying what the month must look like.
 */
export function parseMonth(text: string): Month {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12)
    throw new RangeError(`a month is written YYYY-MM with MM from 01 to 12 (e.g. 2010-05), got ${JSON.stringify(text)}`);
  return make(Number(match[1]), month);
}

/** The month holding `ts` (epoch ms). */
export function monthOf(ts: number): Month {
  const d = new Date(ts);
  return make(d.getUTCFullYear(), d.getUTCMonth() + 1);
}

/** The month `n` months after `m` (n may be negative). */
export function addMonths(m: Month, n: number): Month {
  return make(m.year, m.month + n);
}

/**
 * The artifact version of a model trained up to the end of `m`: `YEAR.MONTH.0` (`2010.5.0`), a
 * MAJOR.MINOR.PATCH version as every artifact needs, which sorts in time order; the patch
 * number is left for a rebuilt model of the same month.
 */
export function versionOfMonth(m: Month): string {
  return `${m.year}.${m.month}.0`;
}
