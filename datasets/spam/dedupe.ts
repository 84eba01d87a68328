import type { SpamLabel } from '../types';

interface Dedupable {
  id: string;
  period: 1 | 2;
  body: string;
  label: SpamLabel;
  group: string;
}

export interface DedupeResult<T> {
  kept: T[];
  /** The rows dropped, each with the id of the copy that was kept. */
  removed: { row: T; keptId: string }[];
  /** Duplicate sets whose copies carry both labels. */
  conflicts: { kept: string; removed: string[]; labels: SpamLabel[] }[];
}

/** Whitespace-insensitive comparison key: re-wrapped or re-indented copies count as one body. */
export function bodyKey(body: string): string {
  return body.replace(/\s+/g, ' ').trim();
}

/** Deterministic order: period 1 before 2, then id (plain string order, not the locale's). */
export function byPeriodThenId(a: { period: number; id: string }, b: { period: number; id: string }): number {
  if (a.period !== b.period) return a.period - b.period;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Drops messages whose body (whitespace normalised) already appeared, keeping the first in
 * {@link byPeriodThenId} order. Duplicates across splits would let a model be tested on mail it
 * was trained on, which inflates every score.
 */
export function dedupeBodies<T extends Dedupable>(rows: readonly T[]): DedupeResult<T> {
  const first = new Map<string, T>();
  const kept: T[] = [];
  const removed: { row: T; keptId: string }[] = [];
  const sets = new Map<string, { kept: T; removed: T[] }>();
  for (const row of [...rows].sort(byPeriodThenId)) {
    const key = bodyKey(row.body);
    const original = first.get(key);
    if (original === undefined) {
      first.set(key, row);
      kept.push(row);
      continue;
    }
    removed.push({ row, keptId: original.id });
    const set = sets.get(key) ?? { kept: original, removed: [] };
    set.removed.push(row);
    sets.set(key, set);
  }
  const conflicts = [...sets.values()]
    .map((s) => ({
      kept: s.kept.id,
      removed: s.removed.map((r) => r.id),
      labels: [...new Set([s.kept, ...s.removed].map((r) => r.label))].sort(),
    }))
    .filter((c) => c.labels.length > 1);
  return { kept, removed, conflicts };
}
