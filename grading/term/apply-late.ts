/**
 * Applies the late policy to a graded class: each submission's time from the roster (or its
 * archive's time when the policy allows), slip days from the term ledger, and the outcome
 * written into results.json, the feedback and grades.csv. Scores in results.json stay raw.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Results } from '../harness/results';
import { type ExtraColumns, gradesCsv } from '../lib/reports';
import { UsageError } from '../lib/usage';
import type { SubmissionEntry } from '../lib/submissions';
import { writeFeedback, writeResults } from './feedback';
import { applyPolicy, type LateOutcome, type LatePolicy } from './late';
import { readLedger, usedElsewhere, withLab, writeLedger } from './ledger';
import { type RosterRow, rosterRowFor } from './roster';

export interface LateConfig {
  roster: RosterRow[];
  policy: LatePolicy;
  /** Where slip days accumulate across the term; needed when the policy grants any. */
  ledgerFile?: string;
  /** Modification time of each archive submission, used only when the policy says `archive_time`. */
  archiveTimes?: ReadonlyMap<string, Date>;
}

/** Archive modification times by submission id (folders have none: a copy changes them). */
export function archiveTimes(entries: readonly SubmissionEntry[]): Map<string, Date> {
  return new Map(entries.filter((e) => e.kind !== 'folder').map((e) => [e.id, fs.statSync(e.path).mtime]));
}

function outcomeFor(lab: string, r: Results, cfg: LateConfig, used: number): LateOutcome {
  const id = r.extra_data.submission;
  const row = rosterRowFor(cfg.roster, id, lab);
  const due = new Date(cfg.policy.due[lab]!.getTime() + (row?.extension_days ?? 0) * 86_400_000);
  const submitted = row?.submitted_at ?? (cfg.policy.archive_time ? cfg.archiveTimes?.get(id) : undefined);
  const missing = row ? 'the roster gives no submitted_at for this submission' : 'this submission is not on the roster';
  const slipLeft = Math.max(0, cfg.policy.slip_days - used);
  return applyPolicy(
    cfg.policy,
    { raw: r.score, max: r.max_score, submitted, due, extensionDays: row?.extension_days ?? 0, slipLeft },
    missing,
  );
}

/**
 * Outcomes by submission id, and the ledger updated with this lab's slip days.
 * @throws UsageError when the policy has no deadline for the lab, or grants slip days without a ledger
 */
export function lateForClass(lab: string, results: readonly Results[], cfg: LateConfig): Map<string, LateOutcome> {
  if (!cfg.policy.due[lab]) throw new UsageError(`late policy: field "due" has no deadline for ${lab}`);
  if (cfg.policy.slip_days > 0 && !cfg.ledgerFile)
    throw new UsageError("late policy grants slip days: give --ledger FILE, where the term's slip days accumulate");
  const ledger = cfg.ledgerFile ? readLedger(cfg.ledgerFile) : { slip_days: {} };
  const out = new Map(
    results.map((r) => [r.extra_data.submission, outcomeFor(lab, r, cfg, usedElsewhere(ledger, r.extra_data.submission, lab))]),
  );
  if (cfg.ledgerFile) writeLedger(cfg.ledgerFile, withLab(ledger, lab, new Map([...out].map(([id, o]) => [id, o.slip_days_used]))));
  return out;
}

const cell = (v: number | undefined): string => (v === undefined ? '' : String(v));

/** The late policy's columns of grades.csv. */
export const LATE_COLUMNS: ExtraColumns = {
  names: ['raw_score', 'late_days', 'penalty', 'slip_days_used', 'final_score', 'late_flag'],
  cells: (r) => {
    const l = r.extra_data.late;
    return l
      ? [String(l.raw_score), cell(l.late_days), String(l.penalty), String(l.slip_days_used), cell(l.final_score), l.flag ?? '']
      : [String(r.score), '', '', '', '', 'late policy not applied'];
  },
};

/** Stores each outcome in the submission's results.json and feedback, and rewrites grades.csv. */
export function writeLate(outDir: string, title: string, results: Results[], outcomes: ReadonlyMap<string, LateOutcome>): void {
  for (const r of results) {
    const late = outcomes.get(r.extra_data.submission);
    if (!late) continue;
    r.extra_data.late = late;
    const dir = path.join(outDir, 'submissions', r.extra_data.submission);
    writeResults(dir, r);
    writeFeedback(dir, title, r);
  }
  fs.writeFileSync(path.join(outDir, 'grades.csv'), gradesCsv(results, LATE_COLUMNS));
}
