/**
 * Recommender versions are named after the last month of training data, written as semver
 * (`2010.5.0` = trained through May 2010) because the toolkit's `saveRecommender` accepts only
 * semver, and numeric order is then time order for the registry's "latest".
 */

/**
 * @param ts any instant in the last training month, epoch ms UTC
 * @param rebuild bumps the last number for a second build of the same month
 * @returns e.g. `2010.5.0`
 */
export function versionForMonth(ts: number, rebuild = 0): string {
  if (!Number.isFinite(ts)) throw new RangeError(`versionForMonth: ts must be epoch ms, got ${ts}`);
  if (!Number.isInteger(rebuild) || rebuild < 0) throw new RangeError(`versionForMonth: rebuild must be an integer ≥ 0, got ${rebuild}`);
  const d = new Date(ts);
  return `${d.getUTCFullYear()}.${d.getUTCMonth() + 1}.${rebuild}`;
}
