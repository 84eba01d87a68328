/** Input checks shared by the drift statistics: a clear error beats a NaN p-value. */

/** Throws unless `values` is a non-empty array of finite numbers; `name` appears in the message. */
export function assertFiniteSample(values: readonly number[], name: string): void {
  if (!Array.isArray(values)) throw new TypeError(`${name} must be an array of numbers`);
  if (values.length === 0) throw new RangeError(`${name} is empty: a drift test needs at least one value`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${name}[${i}] is ${String(v)}: expected a finite number (drop or impute missing values first)`);
    }
  }
}

/** Throws unless `values` is a non-empty array of non-negative finite numbers (counts or shares). */
export function assertNonNegative(values: readonly number[], name: string): void {
  assertFiniteSample(values, name);
  values.forEach((v, i) => {
    if (v < 0) throw new RangeError(`${name}[${i}] is ${v}: expected a count or share ≥ 0`);
  });
}

/** Ascending numeric sort on a copy. */
export function sortedCopy(values: readonly number[]): number[] {
  return Array.from(values).sort((x, y) => x - y);
}
