/**
 * Gradebook CSVs that an LMS imports: Canvas's grade import layout and a flat file for Moodle's
 * "Import grades from CSV". The grade is the late policy's final score when it was applied, the
 * raw score otherwise; a flagged submission (no known time) gets an empty grade, not a guess.
 * The column mapping is documented in grading/README.md.
 */
import type { Results } from '../harness/results';
import type { LabConfig } from '../lib/labs';
import { safeCell, toCsv } from './csv';
import { type RosterRow, rosterRowFor } from './roster';

/** The grade to import, or '' when the late policy flagged it. */
export function gradeOf(r: Results): string {
  const late = r.extra_data.late;
  if (!late) return String(r.score);
  return late.final_score === undefined ? '' : String(late.final_score);
}

const sorted = (all: readonly Results[]): Results[] =>
  [...all].sort((a, b) => a.extra_data.submission.localeCompare(b.extra_data.submission));

/**
 * Canvas: Student, ID, SIS User ID, SIS Login ID, Section, then one column per assignment;
 * the row after the header gives Points Possible. Canvas matches a student by ID (the Canvas
 * user id), else SIS User ID, else SIS Login ID; without a roster the submission id is the login.
 */
export function canvasCsv(config: LabConfig, all: readonly Results[], roster: readonly RosterRow[] = []): string {
  const rows: (string | number)[][] = [
    ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', config.title],
    ['Points Possible', '', '', '', '', config.max_score],
  ];
  for (const r of sorted(all)) {
    const id = r.extra_data.submission;
    const s = rosterRowFor(roster, id, config.id);
    rows.push([s?.name ?? id, s?.canvas_id ?? '', s?.sis_user_id ?? '', s?.sis_login_id ?? id, s?.section ?? '', gradeOf(r)]);
  }
  return toCsv(rows, safeCell);
}

/**
 * Moodle: one identifier column to map to a user field ("username" → username, or "email" →
 * email address), the grade to map to the grade item, and a feedback column to map to its feedback.
 */
export function moodleCsv(config: LabConfig, all: readonly Results[], roster: readonly RosterRow[] = []): string {
  const rows: (string | number)[][] = [['username', 'email', config.id, `${config.id} feedback`]];
  for (const r of sorted(all)) {
    const id = r.extra_data.submission;
    const s = rosterRowFor(roster, id, config.id);
    const note =
      r.extra_data.late?.flag ??
      (r.extra_data.status === 'graded'
        ? `${r.score} / ${r.max_score} before any late penalty`
        : `${r.extra_data.status}: ${r.output.split('\n')[0]}`);
    rows.push([s?.sis_login_id ?? id, s?.email ?? '', gradeOf(r), note]);
  }
  return toCsv(rows, safeCell);
}
