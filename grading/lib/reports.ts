/** Per-submission feedback and class reports: grades.csv, summary.json, summary.md. */
import type { Results } from '../harness/results';
import { type Phase, scoreLine, splitTests } from '../term/visibility';

/**
 * A learner-facing markdown report of one submission, as it may be read during `phase`:
 * checks whose visibility has not come yet are counted, never named or quoted.
 */
export function feedbackMarkdown(title: string, r: Results, phase: Phase = 'before_due_date'): string {
  const lines = [`# ${title}: feedback`, '', `${scoreLine(r, phase)} (${r.extra_data.status})`, ''];
  if (r.extra_data.status !== 'graded') lines.push(`> ${r.output.split('\n')[0]}`, '');
  const { shown, withheld } = splitTests(r.tests, phase);
  const failed = shown.filter((t) => t.score < t.max_score);
  const skipped = shown.filter((t) => t.status === 'skipped');
  if (failed.length === 0 && shown.length > skipped.length)
    lines.push(withheld.length ? 'Every check shown here passed.' : 'Every check passed.', '');
  for (const t of failed) {
    lines.push(`## ✗ ${t.name} (0 / ${t.max_score})`, '', '```', t.output, '```', '');
  }
  const passed = shown.filter((t) => t.score >= t.max_score && t.max_score > 0);
  if (passed.length) lines.push('## Passed', '', ...passed.map((t) => `- ✓ ${t.name} (${t.score})`), '');
  if (skipped.length) {
    lines.push(
      `## Skipped (${r.extra_data.skipped_points ?? 0} points neither given nor taken)`,
      '',
      ...skipped.map((t) => `- – ${t.name}: ${t.output}`),
      '',
    );
  }
  return lines.join('\n');
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Test names across results, in first-seen order. */
export function testNames(all: Results[]): string[] {
  const names: string[] = [];
  for (const r of all) for (const t of r.tests) if (!names.includes(t.name)) names.push(t.name);
  return names;
}

/** Columns added after duration_s (the late policy's): their names, and each submission's cells. */
export interface ExtraColumns {
  names: string[];
  cells: (r: Results) => string[];
}

/** One row per submission (sorted by id): id, status, score, max_score, duration, `extra`, one column per test. */
export function gradesCsv(all: Results[], extra: ExtraColumns = { names: [], cells: () => [] }): string {
  const names = testNames(all);
  const rows = [['id', 'status', 'score', 'max_score', 'duration_s', ...extra.names, ...names]];
  for (const r of [...all].sort((a, b) => a.extra_data.submission.localeCompare(b.extra_data.submission))) {
    const byName = new Map(r.tests.map((t) => [t.name, t.score]));
    rows.push([
      r.extra_data.submission,
      r.extra_data.status,
      String(r.score),
      String(r.max_score),
      String(r.execution_time),
      ...extra.cells(r),
      ...names.map((n) => String(byName.get(n) ?? '')),
    ]);
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

export interface Summary {
  lab: string;
  submissions: number;
  statuses: Record<string, number>;
  mean_score: number;
  max_score: number;
  /** Per test: how many submissions passed it, of those that ran it. */
  tests: { name: string; max_score: number; passed: number; ran: number; pass_rate: number }[];
  /** Ten bins of score / max_score: [0,10 %), …, [90,100 %]. */
  histogram: { bin: string; count: number }[];
}

export function summarize(lab: string, all: Results[]): Summary {
  const statuses: Record<string, number> = { graded: 0, timeout: 0, crashed: 0, invalid: 0 };
  for (const r of all) statuses[r.extra_data.status] = (statuses[r.extra_data.status] ?? 0) + 1;
  const tests = testNames(all).map((name) => {
    const runs = all.flatMap((r) => r.tests.filter((t) => t.name === name && t.status !== 'skipped'));
    const passed = runs.filter((t) => t.score >= t.max_score).length;
    return { name, max_score: runs[0]?.max_score ?? 0, passed, ran: runs.length, pass_rate: runs.length ? passed / runs.length : 0 };
  });
  const max = Math.max(0, ...all.map((r) => r.max_score));
  const histogram = Array.from({ length: 10 }, (_, i) => ({ bin: `${i * 10}-${i === 9 ? 100 : i * 10 + 10}%`, count: 0 }));
  for (const r of all) {
    const frac = r.max_score > 0 ? r.score / r.max_score : 0;
    histogram[Math.min(9, Math.floor(frac * 10))]!.count++;
  }
  const mean = all.length ? all.reduce((s, r) => s + r.score, 0) / all.length : 0;
  return { lab, submissions: all.length, statuses, mean_score: Math.round(mean * 100) / 100, max_score: max, tests, histogram };
}

export function summaryMarkdown(s: Summary): string {
  const pct = (x: number): string => `${Math.round(x * 100)} %`;
  return [
    `# ${s.lab}: class summary`,
    '',
    `${s.submissions} submissions; mean score ${s.mean_score} / ${s.max_score}.`,
    '',
    '| status | count |',
    '|---|---|',
    ...Object.entries(s.statuses).map(([k, v]) => `| ${k} | ${v} |`),
    '',
    '## Pass rate per check',
    '',
    '| check | points | passed | pass rate |',
    '|---|---|---|---|',
    ...[...s.tests]
      .sort((a, b) => a.pass_rate - b.pass_rate)
      .map((t) => `| ${t.name.replace(/\|/g, '\\|')} | ${t.max_score} | ${t.passed} / ${t.ran} | ${pct(t.pass_rate)} |`),
    '',
    '## Score histogram',
    '',
    '| score | submissions | |',
    '|---|---|---|',
    ...s.histogram.map((h) => `| ${h.bin} | ${h.count} | ${'█'.repeat(h.count)} |`),
    '',
  ].join('\n');
}
