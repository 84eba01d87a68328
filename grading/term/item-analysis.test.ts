import assert from 'node:assert/strict';
import { emptyResults, type Results } from '../harness/results';
import { parseCsv } from './csv';
import { canvasCsv, moodleCsv } from './gradebook';
import { itemAnalysis } from './item-analysis';
import type { LabConfig } from '../lib/labs';

function sub(id: string, pass: Record<string, boolean>): Results {
  const r = emptyResults('lab-00-x', id, 3, 'graded', '');
  r.tests = Object.entries(pass).map(([name, ok]) => ({ name, score: ok ? 1 : 0, max_score: 1, output: '', visibility: 'visible' }));
  r.score = r.tests.reduce((s, t) => s + t.score, 0);
  return r;
}

describe('item analysis', () => {
  // "good" follows ability, "easy" everyone passes, "odd" is passed only by the weakest.
  const abilities = [0, 1, 2, 3, 4, 5, 6, 7];
  const cls = abilities.map((a) => sub(`s${a}`, { good: a >= 4, easy: true, odd: a < 2, rest1: a >= 2, rest2: a >= 5 }));

  it('computes the point-biserial correlation with the rest-score', () => {
    const good = itemAnalysis(cls).find((i) => i.check === 'good')!;
    const pass = abilities.map((a) => (a >= 4 ? 1 : 0));
    const rest = cls.map((r, k) => r.score - pass[k]!);
    const m = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
    const [mp, mr] = [m(pass), m(rest)];
    const cov = m(pass.map((p, k) => (p - mp) * (rest[k]! - mr)));
    const sd = (x: number[], mx: number): number => Math.sqrt(m(x.map((v) => (v - mx) ** 2)));
    assert.equal(good.point_biserial, Math.round((cov / (sd(pass, mp) * sd(rest, mr))) * 1000) / 1000);
    assert.equal(good.discrimination, 1);
  });
  it('flags a check everyone passes and one that weaker work passes more often', () => {
    const items = new Map(itemAnalysis(cls).map((i) => [i.check, i]));
    assert.match(items.get('easy')!.flag, /everyone passed/);
    assert.ok(items.get('odd')!.point_biserial! < 0);
    assert.match(items.get('odd')!.flag, /negative discrimination/);
    assert.equal(items.get('good')!.flag, '');
  });
});

describe('gradebook exports', () => {
  const config = { id: 'lab-00-x', title: 'Lab 00', max_score: 3 } as LabConfig;
  const hostile = sub('=cmd|calc', { a: true });
  it("writes Canvas's header, Points Possible and one row per submission, defusing formulas", () => {
    const rows = parseCsv(
      canvasCsv(
        config,
        [sub('al', { a: true, b: false }), hostile],
        [{ student: 'al', extension_days: 0, name: 'Al A', canvas_id: '77', section: 'S1' }],
      ),
    ).map((r) => r.cells);
    assert.deepEqual(rows, [
      ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Lab 00'],
      ['Points Possible', '', '', '', '', '3'],
      ["'=cmd|calc", '', '', "'=cmd|calc", '', '1'],
      ['Al A', '77', '', 'al', 'S1', '1'],
    ]);
  });
  it('writes Moodle rows keyed by username with the grade and a feedback note', () => {
    const rows = parseCsv(moodleCsv(config, [sub('al', { a: true })])).map((r) => r.cells);
    assert.deepEqual(rows, [
      ['username', 'email', 'lab-00-x', 'lab-00-x feedback'],
      ['al', '', '1', '1 / 3 before any late penalty'],
    ]);
  });
});
