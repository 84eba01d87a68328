import { shuffle } from '../../mlkit/data/random';
import type { SpamLabel } from '../types';
import { byPeriodThenId } from './dedupe';

export interface Fractions {
  train: number;
  validation: number;
  test: number;
}

interface Splittable {
  id: string;
  period: 1 | 2;
  label: SpamLabel;
}

/**
 * Splits rows into train/validation/test with the same spam share in each (stratified by label).
 * Each label's rows are sorted by id, shuffled with `seed`, then cut at the fractions (rounded);
 * each split is then shuffled again so labels are interleaved in the file.
 *
 * @param fractions shares of train, validation and test; they must sum to 1.
 */
export function stratifiedSplit<T extends Splittable>(
  rows: readonly T[],
  fractions: Fractions,
  seed: number,
): { train: T[]; validation: T[]; test: T[] } {
  const sum = fractions.train + fractions.validation + fractions.test;
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`split fractions must sum to 1, got ${sum}`);
  const out = { train: [] as T[], validation: [] as T[], test: [] as T[] };
  const labels: SpamLabel[] = ['ham', 'spam'];
  labels.forEach((label, i) => {
    const group = shuffle(rows.filter((r) => r.label === label).sort(byPeriodThenId), seed + i);
    const nTrain = Math.round(group.length * fractions.train);
    const nValidation = Math.round(group.length * fractions.validation);
    out.train.push(...group.slice(0, nTrain));
    out.validation.push(...group.slice(nTrain, nTrain + nValidation));
    out.test.push(...group.slice(nTrain + nValidation));
  });
  return { train: shuffle(out.train, seed + 10), validation: shuffle(out.validation, seed + 11), test: shuffle(out.test, seed + 12) };
}

/**
 * Orders production rows as a stream: plausible dates oldest first (ties by id), then every row
 * with a missing or implausible date, by id. A date of year 102 or 2028 would otherwise put a
 * message at the very start or end of the stream.
 */
export function productionOrder<T extends { id: string; date: string | null; date_plausible: boolean }>(rows: readonly T[]): T[] {
  const byId = (a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const plausible = rows.filter((r) => r.date_plausible && r.date !== null);
  const implausible = rows.filter((r) => !(r.date_plausible && r.date !== null));
  plausible.sort((a, b) => Date.parse(a.date as string) - Date.parse(b.date as string) || byId(a, b));
  return [...plausible, ...implausible.sort(byId)];
}
