/**
 * A regrade's diff: after a grader fix, each student's old and new score and the checks whose
 * points changed, and a class summary of who moved and which checks moved them. The previous
 * output folder is only read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Results } from '../harness/results';
import { readShard } from '../cli/merge';
import { UsageError } from '../lib/usage';
import { toCsv } from './csv';

export interface CheckChange {
  check: string;
  /** Undefined when the check did not exist (or did not run) on that side. */
  old?: number;
  new?: number;
}

export interface StudentDiff {
  id: string;
  old_score?: number;
  new_score?: number;
  old_status?: string;
  new_status?: string;
  delta: number;
  changed: CheckChange[];
}

function checkChanges(a: Results | undefined, b: Results | undefined): CheckChange[] {
  const olds = new Map(a?.tests.map((t) => [t.name, t.score]));
  const news = new Map(b?.tests.map((t) => [t.name, t.score]));
  const names = [...new Set([...olds.keys(), ...news.keys()])];
  return names.filter((n) => olds.get(n) !== news.get(n)).map((n) => ({ check: n, old: olds.get(n), new: news.get(n) }));
}

/** Per student (sorted by id), every one in either run. */
export function diffRuns(previous: readonly Results[], next: readonly Results[]): StudentDiff[] {
  const byId = (rs: readonly Results[]): Map<string, Results> => new Map(rs.map((r) => [r.extra_data.submission, r]));
  const [a, b] = [byId(previous), byId(next)];
  return [...new Set([...a.keys(), ...b.keys()])].sort().map((id) => {
    const [o, n] = [a.get(id), b.get(id)];
    return {
      id,
      old_score: o?.score,
      new_score: n?.score,
      old_status: o?.extra_data.status,
      new_status: n?.extra_data.status,
      delta: (n?.score ?? 0) - (o?.score ?? 0),
      changed: checkChanges(o, n),
    };
  });
}

const show = (v: number | undefined): string => (v === undefined ? '—' : String(v));

/** The class summary: who moved, and how many students each changed check moved. */
export function regradeMarkdown(lab: string, diffs: readonly StudentDiff[]): string {
  const moved = diffs.filter((d) => d.delta !== 0 || d.old_status !== d.new_status);
  const byCheck = new Map<string, { up: number; down: number }>();
  for (const d of diffs)
    for (const c of d.changed) {
      const e = byCheck.get(c.check) ?? { up: 0, down: 0 };
      if ((c.new ?? 0) > (c.old ?? 0)) e.up++;
      if ((c.new ?? 0) < (c.old ?? 0)) e.down++;
      byCheck.set(c.check, e);
    }
  return [
    `# ${lab}: regrade`,
    '',
    `${moved.length} of ${diffs.length} submissions changed score or status.`,
    '',
    '## Why: checks whose points changed',
    '',
    '| check | students up | students down |',
    '|---|---|---|',
    ...[...byCheck].map(([c, e]) => `| ${c.replace(/\|/g, '\\|')} | ${e.up} | ${e.down} |`),
    '',
    '## Who moved',
    '',
    '| submission | old | new | Δ | checks changed |',
    '|---|---|---|---|---|',
    ...moved.map(
      (d) =>
        `| ${d.id} | ${show(d.old_score)} (${d.old_status ?? 'absent'}) | ${show(d.new_score)} (${d.new_status ?? 'absent'}) | ${d.delta > 0 ? '+' : ''}${d.delta} | ${d.changed
          .map((c) => `${c.check}: ${show(c.old)}→${show(c.new)}`)
          .join('; ')
          .replace(/\|/g, '\\|')} |`,
    ),
    '',
  ].join('\n');
}

/** Refuses an output folder that is, or is inside, the previous one: nothing there is overwritten. */
export function checkRegradeTarget(previousDir: string, outDir: string): void {
  const [p, o] = [path.resolve(previousDir), path.resolve(outDir)];
  if (o === p || o.startsWith(p + path.sep))
    throw new UsageError(
      `--out ${outDir} is inside --previous ${previousDir}: a regrade writes to a new folder and never overwrites the previous output`,
    );
  if (!fs.existsSync(path.join(p, 'submissions')))
    throw new UsageError(`--previous ${previousDir} is not a grade output folder (no submissions/ in it)`);
}

/** Writes regrade.csv, regrade.md and each student's submissions/<id>/regrade.json into `outDir`. */
export function writeRegrade(lab: string, previousDir: string, outDir: string, next: readonly Results[]): StudentDiff[] {
  const diffs = diffRuns(readShard(previousDir), next);
  const rows = diffs.map((d) => [
    d.id,
    show(d.old_score),
    show(d.new_score),
    d.delta,
    d.old_status ?? 'absent',
    d.new_status ?? 'absent',
    d.changed.map((c) => `${c.check}: ${show(c.old)}→${show(c.new)}`).join('; '),
  ]);
  fs.writeFileSync(
    path.join(outDir, 'regrade.csv'),
    toCsv([['id', 'old_score', 'new_score', 'delta', 'old_status', 'new_status', 'checks_changed'], ...rows]),
  );
  fs.writeFileSync(path.join(outDir, 'regrade.md'), regradeMarkdown(lab, diffs));
  for (const d of diffs) {
    const dir = path.join(outDir, 'submissions', d.id);
    if (fs.existsSync(dir))
      fs.writeFileSync(path.join(dir, 'regrade.json'), JSON.stringify({ previous: path.resolve(previousDir), ...d }, null, 2) + '\n');
  }
  return diffs;
}
