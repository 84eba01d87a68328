/**
 * Item analysis of a lab's checks over a class, to see which check is broken, too easy or
 * does not tell strong work from weak: pass rate, point-biserial correlation of the check with
 * the rest-score (the total without that check), and the upper − lower 27 % discrimination index.
 * Only submissions that ran to the end (`graded`) count.
 */
import type { Results } from '../harness/results';
import { testNames } from '../lib/reports';
import { toCsv } from './csv';

export interface ItemStats {
  check: string;
  max_score: number;
  ran: number;
  pass_rate: number;
  /** Undefined when either the check or the rest-score does not vary. */
  point_biserial?: number;
  /** Pass rate in the top 27 % by total score minus that in the bottom 27 %. */
  discrimination?: number;
  flag: string;
}

function correlation(x: readonly number[], y: readonly number[]): number | undefined {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i++) (sxy += (x[i]! - mx) * (y[i]! - my)), (sxx += (x[i]! - mx) ** 2), (syy += (y[i]! - my) ** 2);
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : undefined;
}

/** Upper minus lower 27 % pass rate, groups by total score (ties broken by id, so it is stable). */
function upperLower(rows: readonly { id: string; total: number; pass: number }[]): number | undefined {
  const k = Math.max(1, Math.round(rows.length * 0.27));
  if (rows.length < 4) return undefined;
  const byTotal = [...rows].sort((a, b) => a.total - b.total || a.id.localeCompare(b.id));
  const rate = (g: readonly { pass: number }[]): number => g.reduce((s, r) => s + r.pass, 0) / g.length;
  return rate(byTotal.slice(-k)) - rate(byTotal.slice(0, k));
}

function flagOf(s: Omit<ItemStats, 'flag'>): string {
  if (s.pass_rate === 0) return 'nobody passed: is the check (or the brief) broken?';
  if (s.pass_rate === 1) return 'everyone passed: too easy, or it tests nothing';
  if (s.point_biserial !== undefined && s.point_biserial < 0)
    return 'negative discrimination: weaker work passes it more often — check the check';
  if (s.point_biserial !== undefined && s.point_biserial < 0.2) return 'weak discrimination';
  return '';
}

const r3 = (x: number | undefined): number | undefined => (x === undefined ? undefined : Math.round(x * 1000) / 1000);

export function itemAnalysis(all: readonly Results[]): ItemStats[] {
  const graded = all.filter((r) => r.extra_data.status === 'graded');
  return testNames(graded).map((name) => {
    const rows = graded.flatMap((r) => {
      const t = r.tests.find((x) => x.name === name);
      return t && t.status !== 'skipped'
        ? [{ id: r.extra_data.submission, total: r.score, pass: t.score >= t.max_score ? 1 : 0, points: t.score, max: t.max_score }]
        : [];
    });
    const pass = rows.map((r) => r.pass);
    const base = {
      check: name,
      max_score: rows[0]?.max ?? 0,
      ran: rows.length,
      pass_rate: r3(rows.length ? pass.reduce((a, b) => a + b, 0) / rows.length : 0)!,
      point_biserial: r3(
        rows.length > 2
          ? correlation(
              pass,
              rows.map((r) => r.total - r.points),
            )
          : undefined,
      ),
      discrimination: r3(upperLower(rows)),
    };
    return { ...base, flag: flagOf(base) };
  });
}

const cell = (v: number | undefined): string => (v === undefined ? '' : String(v));

export function itemAnalysisCsv(items: readonly ItemStats[]): string {
  return toCsv([
    ['check', 'max_score', 'ran', 'pass_rate', 'point_biserial', 'discrimination', 'flag'],
    ...items.map((i) => [i.check, i.max_score, i.ran, i.pass_rate, cell(i.point_biserial), cell(i.discrimination), i.flag]),
  ]);
}

export function itemAnalysisMarkdown(lab: string, items: readonly ItemStats[]): string {
  return [
    `# ${lab}: item analysis`,
    '',
    'Pass rate, point-biserial correlation with the rest-score (r), upper − lower 27 % discrimination (D), over submissions graded to the end.',
    '',
    '| check | points | ran | pass rate | r | D | note |',
    '|---|---|---|---|---|---|---|',
    ...items.map(
      (i) =>
        `| ${i.check.replace(/\|/g, '\\|')} | ${i.max_score} | ${i.ran} | ${Math.round(i.pass_rate * 100)} % | ${cell(i.point_biserial)} | ${cell(i.discrimination)} | ${i.flag} |`,
    ),
    '',
  ].join('\n');
}
