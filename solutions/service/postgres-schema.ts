/**
 * Lab 04's prediction-log table, in PostgreSQL: the same columns, derived from the SQLite
 * schema itself so that a column added there shows up here (or fails loudly), and the same
 * row shape, so the drift report reads either log the same way.
 */
import type { LoggedPrediction, StoredPrediction } from '../../server-template/src/contracts';
import { textFeatures } from '../../mlkit/drift/text-features';
import { SCHEMA, type LogRow } from '../lab-04-monitor/src/prediction-log';

/**
 * SQLite's types are 64-bit: INTEGER holds millisecond timestamps and REAL is a double. In
 * PostgreSQL INTEGER is 32-bit (a timestamp overflows) and REAL is 32-bit (a probability
 * would lose digits, and the drift numbers with it).
 */
const POSTGRES_TYPES: Record<string, string> = {
  'INTEGER PRIMARY KEY': 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
  'INTEGER NOT NULL': 'BIGINT NOT NULL',
  'REAL NOT NULL': 'DOUBLE PRECISION NOT NULL',
  'TEXT NOT NULL': 'TEXT NOT NULL',
};

/** One `name TYPE…` line of a CREATE TABLE. */
const COLUMN = /^(\s*)([a-z_]+) ([A-Z][A-Z ]*[A-Z])(,?)$/;

/**
 * The PostgreSQL DDL for lab 04's `SCHEMA`.
 * @throws Error naming a column whose SQLite type has no PostgreSQL mapping here
 */
export function postgresSchema(sqliteSchema: string = SCHEMA): string {
  return sqliteSchema
    .split('\n')
    .map((line) => {
      const match = COLUMN.exec(line);
      if (!match) return line;
      const [, indent, name, type, comma] = match;
      const mapped = POSTGRES_TYPES[type];
      if (!mapped) throw new Error(`prediction log column ${name} has SQLite type "${type}", which has no PostgreSQL mapping`);
      return `${indent}${name} ${mapped}${comma}`;
    })
    .join('\n');
}

/** The inserted columns, in the order `logRowValues` gives them. */
export const INSERT_COLUMNS = ['ts', 'model_name', 'model_version', 'prediction', 'probability', 'features'] as const;

/** A prediction as a table row: the text's monitoring features, never the text. */
export function logRowOf(r: LoggedPrediction): LogRow {
  return {
    ts: r.ts,
    model_name: r.model.name,
    model_version: r.model.version,
    prediction: r.prediction,
    probability: r.probability,
    features: JSON.stringify(textFeatures(r.text)),
  };
}

/** The row's values in `INSERT_COLUMNS` order. */
export function logRowValues(row: LogRow): (string | number)[] {
  return INSERT_COLUMNS.map((column) => row[column]);
}

/** A row as read back (PostgreSQL returns BIGINT as a string: it may not fit a double). */
export function storedOf(row: Omit<LogRow, 'ts'> & { ts: number | string }): StoredPrediction {
  return {
    ts: Number(row.ts),
    model: { name: row.model_name, version: row.model_version },
    prediction: row.prediction,
    probability: row.probability,
    features: JSON.parse(row.features) as Record<string, number | string>,
  };
}
