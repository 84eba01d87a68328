import fs from 'node:fs';
import { packageFile } from '../files';
import type { Manifest, Penguin } from '../types';

/** Source field name → our camelCase name (units move into the name: mm, g). */
export const FIELD_NAMES: Record<string, keyof Penguin> = {
  Species: 'species',
  Island: 'island',
  'Beak Length (mm)': 'beakLengthMm',
  'Beak Depth (mm)': 'beakDepthMm',
  'Flipper Length (mm)': 'flipperLengthMm',
  'Body Mass (g)': 'bodyMassG',
  Sex: 'sex',
};

const NUMERIC = new Set<keyof Penguin>(['beakLengthMm', 'beakDepthMm', 'flipperLengthMm', 'bodyMassG']);

export function penguinsSource(): string {
  return packageFile('vega-datasets', 'data/penguins.json');
}

function convert(raw: Record<string, unknown>, index: number): Penguin {
  const out: Record<string, string | number | null> = {};
  for (const [source, name] of Object.entries(FIELD_NAMES)) {
    const value = raw[source];
    const ok = value === null || (NUMERIC.has(name) ? typeof value === 'number' : typeof value === 'string');
    if (!ok) throw new Error(`penguins.json row ${index}: field "${source}" has unexpected value ${JSON.stringify(value)}`);
    out[name] = value as string | number | null;
  }
  return out as unknown as Penguin;
}

/**
 * Reads the penguins table, renames the fields to camelCase and keeps every row, missing values
 * (null) included: cleaning them is a lesson, not the build's job.
 */
export function buildPenguins(file = penguinsSource()): { rows: Penguin[]; summary: Manifest['penguins'] } {
  const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`penguins.json: expected an array of records`);
  const rows = data.map((r, i) => convert(r as Record<string, unknown>, i));
  const missing = Object.fromEntries(Object.values(FIELD_NAMES).map((k) => [k, rows.filter((r) => r[k] === null).length])) as Record<
    keyof Penguin,
    number
  >;
  return { rows, summary: { source: 'vega-datasets/data/penguins.json', rows: rows.length, field_names: FIELD_NAMES, missing } };
}
