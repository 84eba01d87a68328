/**
 * The term ledger: slip days each student has used, per lab, kept by the instructor as one JSON
 * file across the term (`{"slip_days": {"<student>": {"<lab id>": days}}}`). Applying the late
 * policy to a lab replaces that lab's entries, so grading a lab again never counts twice.
 */
import * as fs from 'node:fs';
import { UsageError } from '../lib/usage';

export interface Ledger {
  slip_days: Record<string, Record<string, number>>;
}

/** Reads the ledger; a file that does not exist yet is an empty ledger. @throws UsageError naming the field */
export function readLedger(file: string): Ledger {
  if (!fs.existsSync(file)) return { slip_days: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: cannot read as JSON (${(e as Error).message})`);
  }
  const days = (raw as { slip_days?: unknown } | null)?.slip_days;
  if (typeof days !== 'object' || days === null || Array.isArray(days))
    throw new UsageError(`${file}: expected {"slip_days": {"<student>": {"<lab id>": days}}}`);
  for (const [student, labs] of Object.entries(days)) {
    for (const [lab, n] of Object.entries(labs as Record<string, unknown>)) {
      if (!Number.isInteger(n) || (n as number) < 0)
        throw new UsageError(`${file}: field "slip_days.${student}.${lab}" must be a whole number of days ≥ 0`);
    }
  }
  return { slip_days: days as Ledger['slip_days'] };
}

/** Slip days `student` used on labs other than `lab`. */
export function usedElsewhere(ledger: Ledger, student: string, lab: string): number {
  return Object.entries(ledger.slip_days[student] ?? {}).reduce((s, [l, n]) => (l === lab ? s : s + n), 0);
}

/** The ledger with `lab`'s entries replaced by `used` (students with 0 are dropped for that lab). */
export function withLab(ledger: Ledger, lab: string, used: ReadonlyMap<string, number>): Ledger {
  const out: Ledger = { slip_days: {} };
  for (const [student, labs] of Object.entries(ledger.slip_days)) {
    const rest = Object.fromEntries(Object.entries(labs).filter(([l]) => l !== lab));
    if (Object.keys(rest).length) out.slip_days[student] = rest;
  }
  for (const [student, n] of used) if (n > 0) out.slip_days[student] = { ...out.slip_days[student], [lab]: n };
  return out;
}

export function writeLedger(file: string, ledger: Ledger): void {
  const sorted = Object.fromEntries(
    Object.keys(ledger.slip_days)
      .sort()
      .map((s) => [s, ledger.slip_days[s]]),
  );
  fs.writeFileSync(file, JSON.stringify({ slip_days: sorted }, null, 2) + '\n');
}
