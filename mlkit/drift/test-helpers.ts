/** Test helpers: the scipy reference numbers (fixtures/scipy.json, made by fixtures/make_scipy_fixtures.py). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

export interface ModSeq {
  n: number;
  mult: number;
  mod: number;
  scale: number;
  shift: number;
}

// biome-ignore lint/suspicious/noExplicitAny: scipy.json is read as it was written, table by table
export const scipy: any = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'scipy.json'), 'utf8'));

/** One table of cases from scipy.json; a missing or empty table fails, where a loop would pass. */
// biome-ignore lint/suspicious/noExplicitAny: each table has its own row shape
export function scipyCases(table: string): any[] {
  const cases: unknown = scipy[table];
  assert.ok(Array.isArray(cases) && cases.length > 0, `fixtures/scipy.json has no "${table}" cases`);
  return cases;
}

/** Rebuilds a fixture's modular sequence with the same IEEE operations as the Python script. */
export function modseq(s: ModSeq): number[] {
  return Array.from({ length: s.n }, (_, i) => (((i * s.mult) % s.mod) / s.mod) * s.scale + s.shift);
}

/** |actual − expected| ≤ abs + rel·|expected|, with a message naming the case. */
export function assertClose(actual: number, expected: number, what: string, rel = 1e-10, abs = 1e-14): void {
  const tol = abs + rel * Math.abs(expected);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: expected ${expected}, got ${actual} (tolerance ${tol})`);
}
