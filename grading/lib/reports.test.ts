import assert from 'node:assert/strict';
import { emptyResults, type Results } from '../harness/results';
import { feedbackMarkdown, gradesCsv, summarize } from './reports';

function result(id: string, scores: [string, number, number][]): Results {
  const r = emptyResults('lab-00-x', id, 0, 'graded', '');
  r.tests = scores.map(([name, score, max]) => ({
    name,
    score,
    max_score: max,
    output: score === max ? 'passed' : 'expected: 1\ngot: 2\nwhere to look: a.ts',
    visibility: 'visible',
  }));
  r.score = scores.reduce((s, [, v]) => s + v, 0);
  r.max_score = scores.reduce((s, [, , m]) => s + m, 0);
  return r;
}

describe('class reports', () => {
  const all = [
    result('bo', [
      ['a, "quoted"', 2, 2],
      ['b', 0, 2],
    ]),
    result('al', [
      ['a, "quoted"', 2, 2],
      ['b', 2, 2],
    ]),
    emptyResults('lab-00-x', 'cy', 4, 'invalid', 'invalid submission: no files'),
  ];

  it('writes one CSV row per submission, sorted by id, with a column per check (quoted when needed)', () => {
    const lines = gradesCsv(all).trim().split('\n');
    assert.equal(lines[0], 'id,status,score,max_score,duration_s,"a, ""quoted""",b');
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',').slice(0, 4).join(',')),
      ['al,graded,4,4', 'bo,graded,2,4', 'cy,invalid,0,4'],
    );
  });

  it('computes the pass rate of every check over the submissions that ran it', () => {
    const s = summarize('lab-00-x', all);
    assert.deepEqual(
      s.tests.map((t) => [t.name, t.passed, t.ran]),
      [
        ['a, "quoted"', 2, 2],
        ['b', 1, 2],
      ],
    );
    assert.deepEqual(s.statuses, { graded: 2, timeout: 0, crashed: 0, invalid: 1 });
  });

  it('bins scores into a ten-bin histogram of score / max_score', () => {
    const h = summarize('lab-00-x', all).histogram;
    assert.equal(h.length, 10);
    assert.deepEqual([h[0]!.count, h[5]!.count, h[9]!.count], [1, 1, 1]);
  });

  it('puts expected / got / hint of each failed check into the feedback', () => {
    const md = feedbackMarkdown('Lab X', all[0]!);
    assert.match(md, /Score: 2 \/ 4/);
    assert.match(md, /## ✗ b \(0 \/ 2\)[\s\S]*expected: 1\ngot: 2\nwhere to look: a\.ts/);
  });

  it('leaves skipped checks out of pass rates, and lists them in the feedback with their points', () => {
    const r = result('di', [['a, "quoted"', 2, 2]]);
    r.tests.push({
      name: 'b',
      score: 0,
      max_score: 0,
      output: 'skipped: no Docker engine',
      visibility: 'visible',
      status: 'skipped',
      skipped_points: 2,
    });
    r.extra_data.skipped_points = 2;
    assert.deepEqual(
      summarize('lab-00-x', [...all, r]).tests.map((t) => [t.name, t.passed, t.ran]),
      [
        ['a, "quoted"', 3, 3],
        ['b', 1, 2],
      ],
    );
    const md = feedbackMarkdown('Lab X', r);
    assert.match(md, /## Skipped \(2 points neither given nor taken\)\n\n- – b: skipped: no Docker engine/);
    assert.doesNotMatch(md, /## ✗ b/);
  });
});
