import assert from 'node:assert/strict';
import { emptyResults, type Results } from '../harness/results';
import { diffRuns, regradeMarkdown } from './regrade';

function run(id: string, scores: Record<string, number>): Results {
  const r = emptyResults('lab-00-x', id, 4, 'graded', '');
  r.tests = Object.entries(scores).map(([name, score]) => ({ name, score, max_score: 2, output: '', visibility: 'visible' }));
  r.score = Object.values(scores).reduce((a, b) => a + b, 0);
  return r;
}

describe('regrade diff', () => {
  const previous = [run('al', { a: 2, b: 0 }), run('bo', { a: 2, b: 2 }), run('cy', { a: 0, b: 0 })];
  const next = [run('al', { a: 2, b: 2 }), run('bo', { a: 2, b: 2 }), run('di', { a: 2, b: 0 })];

  it('gives each student old and new score and only the checks that changed', () => {
    const d = diffRuns(previous, next);
    assert.deepEqual(
      d.map((x) => [x.id, x.old_score, x.new_score, x.delta]),
      [
        ['al', 2, 4, 2],
        ['bo', 4, 4, 0],
        ['cy', 0, undefined, 0],
        ['di', undefined, 2, 2],
      ],
    );
    assert.deepEqual(d[0]!.changed, [{ check: 'b', old: 0, new: 2 }]);
    assert.deepEqual(d[1]!.changed, []);
  });
  it('summarises who moved and which checks moved them', () => {
    const md = regradeMarkdown('lab-00-x', diffRuns(previous, next));
    assert.match(md, /3 of 4 submissions changed score or status/);
    assert.match(md, /\| b \| 1 \| 0 \|/);
    assert.match(md, /\| al \| 2 \(graded\) \| 4 \(graded\) \| \+2 \| b: 0→2 \|/);
    assert.doesNotMatch(md, /\| bo \|/);
  });
});
