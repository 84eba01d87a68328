/**
 * The roster / deadline file: one row per student (and optionally per lab) with the time the
 * work was handed in, any extension, and the ids a gradebook needs. CSV with a header row, or
 * a JSON array of objects with the same fields. Every mistake names the file, the row and the field.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../lib/usage';
import { parseCsv } from './csv';

export interface RosterRow {
  /** The submission's id (its file or folder name without extension). */
  student: string;
  /** When set, the row is for this lab only; otherwise for every lab. */
  lab?: string;
  submitted_at?: Date;
  /** Days added to the deadline for this student. */
  extension_days: number;
  name?: string;
  email?: string;
  canvas_id?: string;
  sis_user_id?: string;
  sis_login_id?: string;
  section?: string;
}

const TEXT_FIELDS = ['name', 'email', 'canvas_id', 'sis_user_id', 'sis_login_id', 'section'] as const;
export const ROSTER_FIELDS = ['student', 'lab', 'submitted_at', 'extension_days', ...TEXT_FIELDS];

/** An ISO 8601 time with a zone: a deadline without one would be read in the grader's zone. */
const ZONED = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/** Parses a zoned ISO 8601 time. @throws UsageError naming `where` */
export function parseTime(v: string, where: string): Date {
  const t = Date.parse(v);
  if (!ZONED.test(v) || Number.isNaN(t))
    throw new UsageError(`${where}: "${v}" is not an ISO 8601 time with a zone (e.g. 2025-10-01T23:59:00+02:00)`);
  return new Date(t);
}

type Fields = Record<string, unknown>;

function rowOf(f: Fields, where: (field?: string) => string): RosterRow {
  const unknown = Object.keys(f).filter((k) => !ROSTER_FIELDS.includes(k));
  if (unknown.length) throw new UsageError(`${where(unknown[0])}: unknown field (the fields are ${ROSTER_FIELDS.join(', ')})`);
  const text = (k: string): string | undefined => {
    const v = f[k];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string' && typeof v !== 'number') throw new UsageError(`${where(k)}: must be text`);
    return String(v).trim();
  };
  const student = text('student');
  if (!student) throw new UsageError(`${where('student')}: missing (the submission's id)`);
  const at = text('submitted_at');
  const ext = text('extension_days') ?? '0';
  const extension = Number(ext);
  if (!Number.isFinite(extension) || extension < 0)
    throw new UsageError(`${where('extension_days')}: "${ext}" must be a number of days ≥ 0`);
  const row: RosterRow = {
    student,
    lab: text('lab'),
    submitted_at: at === undefined ? undefined : parseTime(at, where('submitted_at')),
    extension_days: extension,
  };
  for (const k of TEXT_FIELDS) if (text(k) !== undefined) row[k] = text(k);
  return row;
}

function csvObjects(file: string, text: string): { fields: Fields; row: number }[] {
  const [head, ...rows] = parseCsv(text);
  if (!head) throw new UsageError(`${file}: empty (expected a header row with ${ROSTER_FIELDS.join(', ')})`);
  const names = head.cells.map((c) => c.trim());
  return rows.map((r) => {
    if (r.cells.length !== names.length)
      throw new UsageError(`${file}: row ${r.line}: ${r.cells.length} cells, but the header has ${names.length}`);
    return { fields: Object.fromEntries(names.map((n, i) => [n, r.cells[i]])), row: r.line };
  });
}

function jsonObjects(file: string, text: string): { fields: Fields; row: number }[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: cannot read as JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(raw)) throw new UsageError(`${file}: expected a JSON array of rows`);
  return raw.map((f: unknown, i) => {
    if (typeof f !== 'object' || f === null || Array.isArray(f)) throw new UsageError(`${file}: row ${i + 1}: expected an object`);
    return { fields: f as Fields, row: i + 1 };
  });
}

/** Reads a roster (`.json`, else CSV). @throws UsageError naming the file, row and field */
export function readRoster(file: string): RosterRow[] {
  const name = path.basename(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read (${(e as Error).message})`);
  }
  const objects = file.endsWith('.json') ? jsonObjects(name, text) : csvObjects(name, text);
  const seen = new Map<string, number>();
  return objects.map(({ fields, row }) => {
    const r = rowOf(fields, (field) => `${name}: row ${row}${field ? `, field "${field}"` : ''}`);
    const key = `${r.student}\0${r.lab ?? ''}`;
    if (seen.has(key))
      throw new UsageError(
        `${name}: row ${row}, field "student": ${r.student} is also on row ${seen.get(key)}${r.lab ? ` for ${r.lab}` : ''}`,
      );
    seen.set(key, row);
    return r;
  });
}

/** The row for `student` in `lab`: a row naming the lab wins over a row for every lab. */
export function rosterRowFor(roster: readonly RosterRow[], student: string, lab: string): RosterRow | undefined {
  return roster.find((r) => r.student === student && r.lab === lab) ?? roster.find((r) => r.student === student && r.lab === undefined);
}
