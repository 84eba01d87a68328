/**
 * Time-based splits: train on the past, test on the month after. A random split would let the
 * model see June to predict May, which no deployed recommender can do.
 */

/** `ts` moved by `months` calendar months in UTC (Jan 31 + 1 month clamps to Feb 28/29). */
export function addMonthsUtc(ts: number, months: number): number {
  const d = new Date(ts);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(
    target.getUTCFullYear(),
    target.getUTCMonth(),
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** Rows with `from ≤ ts < to` (epoch ms). */
export function inWindow<T extends { ts: number }>(rows: readonly T[], from: number, to: number): T[] {
  return rows.filter((r) => r.ts >= from && r.ts < to);
}

/**
 * @param cutoff T, epoch ms.
 * @param options.trainFrom start of the training window (default: everything before T).
 * @param options.testMonths length of the test window in months (default 1).
 * @returns train: trainFrom ≤ ts < T; test: T ≤ ts < T + testMonths.
 */
export function timeSplit<T extends { ts: number }>(
  rows: readonly T[],
  cutoff: number,
  options: { trainFrom?: number; testMonths?: number } = {},
): { train: T[]; test: T[]; window: { trainFrom: number; cutoff: number; testTo: number } } {
  if (!Number.isFinite(cutoff)) throw new RangeError(`timeSplit: cutoff must be epoch ms, got ${cutoff}`);
  const trainFrom = options.trainFrom ?? -Infinity,
    testTo = addMonthsUtc(cutoff, options.testMonths ?? 1);
  return { train: inWindow(rows, trainFrom, cutoff), test: inWindow(rows, cutoff, testTo), window: { trainFrom, cutoff, testTo } };
}
