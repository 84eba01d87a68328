/**
 * The grading hook end to end, in the real kernel: a learner's notebook with the first exercise
 * answered and the others still stubs, run as a grader runs it (every cell, errors allowed) with
 * the hook's cells appended. The answered exercise passes its public and hidden checks; the stubs
 * fail theirs with "not implemented".
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { graderCells, parseReports } from '../grading/exercises/hook';
import { planNotebooks } from './build';
import { executeNotebook, jupyterAvailable } from './execute';
import type { Notebook, NotebookCell } from './notebook-source';

const WORK_DIR = path.resolve(__dirname, '..', '.work', 'grading-hook');

function printedText(notebook: Notebook): string {
  return notebook.cells
    .flatMap((c) => (c.outputs ?? []) as Array<{ text?: string | string[] }>)
    .map((o) => [o.text ?? ''].flat().join(''))
    .join('\n');
}

const codeCell = (source: string, i: number): NotebookCell => ({
  cell_type: 'code',
  id: `grader-${i}`,
  metadata: {},
  source: [source],
  execution_count: null,
  outputs: [],
});

describe('the notebook grading hook, run in Jupyter', function () {
  this.timeout(10 * 60 * 1000);
  const plan = planNotebooks().find((p) => p.exercises.length > 1);

  before(() => {
    assert.ok(plan, 'no lesson has two exercises to grade');
    assert.ok(jupyterAvailable(), 'Jupyter is not installed: apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient');
  });
  after(() => (process.env.KEEP_HOOK ? undefined : fs.rmSync(WORK_DIR, { recursive: true, force: true })));

  it('reports the answered exercise passing and the stubbed ones not implemented, public and hidden checks alike', () => {
    const p = plan!;
    const learner = JSON.parse(p.learner.content) as Notebook;
    const solution = JSON.parse(p.solution.content) as Notebook;
    const [answered, ...stubbed] = p.exercises;
    const last = p.exercises[p.exercises.length - 1]!.checkerCell;
    const cells = learner.cells.slice(0, last + 1).map((c, i) => (i === answered!.cell ? solution.cells[i]! : c));
    const { exercises } = require(path.resolve(__dirname, '..', 'notebooks', 'checks', `${p.id}.ts`)) as {
      exercises: Array<{ id: string; uses: string[] }>;
    };
    const hook = graderCells(p.id, exercises).map(codeCell);
    fs.mkdirSync(WORK_DIR, { recursive: true });
    const file = path.join(WORK_DIR, `${p.id}.ipynb`);
    fs.writeFileSync(file, JSON.stringify({ ...learner, cells: [...cells, ...hook] }));

    const run = executeNotebook(file, { allowErrors: true });
    assert.ok(run.executed, run.failure);
    const results = parseReports(printedText(run.executed));
    for (const e of p.exercises) {
      const mine = results.filter((r) => r.exercise === e.id);
      assert.ok(
        mine.some((r) => r.visibility === 'public') && mine.some((r) => r.visibility === 'hidden'),
        `${e.id}: no public and hidden results in ${JSON.stringify(results)}`,
      );
    }
    assert.deepEqual(
      results.filter((r) => r.exercise === answered!.id && !r.ok).map((r) => r.line),
      [],
    );
    for (const r of results.filter((x) => stubbed.some((e) => e.id === x.exercise)))
      assert.match(r.line, /^✗ .*: not implemented yet; hint: /);
  });
});
