/**
 * The late policy as configuration: deadlines per lab, a grace period, a penalty per late day
 * (a share of the lab's points) up to a cap, and slip days per student across the term that
 * cancel late days first. A submission without a known time is flagged, never guessed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../lib/usage';
import { parseTime } from './roster';

export interface LatePolicy {
  /** Deadline per lab id, zoned ISO 8601. */
  due: Record<string, Date>;
  grace_minutes: number;
  /** Share of the lab's max score taken per late day (0.1 = 10 %). */
  penalty_per_day: number;
  /** The most the penalty takes, as a share of the max score (1 = everything). */
  penalty_cap: number;
  /** Slip days each student may spend over the whole term. */
  slip_days: number;
  /** Use an archive's modification time when the roster gives no submitted_at. */
  archive_time: boolean;
}

const POLICY_FIELDS = ['due', 'grace_minutes', 'penalty_per_day', 'penalty_cap', 'slip_days', 'archive_time'];

function share(file: string, p: Record<string, unknown>, key: string, dflt: number, max: number): number {
  const v = p[key] ?? dflt;
  if (typeof v !== 'number' || !(v >= 0 && v <= max))
    throw new UsageError(`${file}: field "${key}" must be a number from 0 to ${max}, got ${JSON.stringify(v)}`);
  return v;
}

/** Validates a parsed policy; every problem names the file and the field. */
export function parsePolicy(raw: unknown, file: string): LatePolicy {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${file}: expected a JSON object`);
  const p = raw as Record<string, unknown>;
  const unknown = Object.keys(p).filter((k) => !POLICY_FIELDS.includes(k));
  if (unknown.length) throw new UsageError(`${file}: field "${unknown[0]}": unknown (the fields are ${POLICY_FIELDS.join(', ')})`);
  const due = p['due'];
  if (typeof due !== 'object' || due === null || Array.isArray(due))
    throw new UsageError(`${file}: field "due" must map lab ids to deadlines`);
  const dueDates = Object.fromEntries(Object.entries(due).map(([lab, t]) => [lab, parseTime(String(t), `${file}: field "due.${lab}"`)]));
  const slip = p['slip_days'] ?? 0;
  if (!Number.isInteger(slip) || (slip as number) < 0) throw new UsageError(`${file}: field "slip_days" must be a whole number ≥ 0`);
  if (p['archive_time'] !== undefined && typeof p['archive_time'] !== 'boolean')
    throw new UsageError(`${file}: field "archive_time" must be true or false`);
  return {
    due: dueDates,
    grace_minutes: share(file, p, 'grace_minutes', 0, 7 * 24 * 60),
    penalty_per_day: share(file, p, 'penalty_per_day', 0, 1),
    penalty_cap: share(file, p, 'penalty_cap', 1, 1),
    slip_days: slip as number,
    archive_time: p['archive_time'] === true,
  };
}

export function readPolicy(file: string): LatePolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: cannot read as JSON (${(e as Error).message})`);
  }
  return parsePolicy(raw, path.basename(file));
}

/** What the policy did to one submission (also stored in its results.json). */
export interface LateOutcome {
  raw_score: number;
  max_score: number;
  /** Undefined when no time is known: then nothing is applied and `flag` says why. */
  late_days?: number;
  slip_days_used: number;
  /** Points taken. */
  penalty: number;
  final_score?: number;
  submitted_at?: string;
  due?: string;
  flag?: string;
  /** The rule applied, in words, for the learner's feedback. */
  rule: string;
}

const DAY_MS = 86_400_000;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Whole days late (any part of a day counts), 0 within the deadline plus grace. */
export function lateDays(submitted: Date, due: Date, graceMinutes: number): number {
  const over = submitted.getTime() - due.getTime() - graceMinutes * 60_000;
  return over <= 0 ? 0 : Math.ceil(over / DAY_MS);
}

export interface LateInput {
  raw: number;
  max: number;
  submitted?: Date;
  /** Deadline with the student's extension already added. */
  due: Date;
  extensionDays: number;
  /** Slip days left for the term before this lab. */
  slipLeft: number;
}

/** Applies `policy` to one submission. */
export function applyPolicy(policy: LatePolicy, i: LateInput, missing = 'no submission time is known'): LateOutcome {
  const base = { raw_score: i.raw, max_score: i.max, slip_days_used: 0, penalty: 0, due: i.due.toISOString() };
  if (!i.submitted) return { ...base, flag: missing, rule: `Late policy not applied: ${missing}; your instructor will set the time.` };
  const late = lateDays(i.submitted, i.due, policy.grace_minutes);
  const slip = Math.min(late, i.slipLeft);
  const share = Math.min(policy.penalty_cap, policy.penalty_per_day * (late - slip));
  const penalty = round2(share * i.max);
  const final = round2(Math.max(0, i.raw - penalty));
  const outcome = { ...base, late_days: late, slip_days_used: slip, penalty, final_score: final, submitted_at: i.submitted.toISOString() };
  return { ...outcome, rule: describeRule(policy, i, outcome) };
}

function describeRule(policy: LatePolicy, i: LateInput, o: Omit<LateOutcome, 'rule'>): string {
  const ext = i.extensionDays > 0 ? ` (with your ${i.extensionDays}-day extension)` : '';
  const grace = policy.grace_minutes > 0 ? `, ${policy.grace_minutes} minutes' grace` : '';
  const when = `Due ${o.due}${ext}${grace}; submitted ${o.submitted_at}`;
  if (o.late_days === 0) return `${when}: on time. Final score ${o.final_score} / ${i.max}.`;
  const slip =
    policy.slip_days > 0
      ? `; ${o.slip_days_used} slip day(s) used, ${i.slipLeft - o.slip_days_used} of ${policy.slip_days} left for the term`
      : '';
  const penaltyDays = (o.late_days ?? 0) - o.slip_days_used;
  const pct = Math.round(policy.penalty_per_day * 100);
  const cap = policy.penalty_cap < 1 ? `, capped at ${Math.round(policy.penalty_cap * 100)} %` : '';
  const penalty = `penalty ${penaltyDays} day(s) × ${pct} % of ${i.max} points${cap} = ${o.penalty} points`;
  return `${when}: ${o.late_days} day(s) late${slip}; ${penalty}. Final score ${o.final_score} / ${i.max} (before the penalty ${i.raw}).`;
}
