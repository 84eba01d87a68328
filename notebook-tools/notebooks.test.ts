/**
 * Every lesson is built twice from its source and executed by real Jupyter with the TypeScript
 * kernel, top to bottom, as a learner's "Run all" would. The solution notebook must run to the
 * end with every check ✓ (key results are asserted inside the notebooks, so a wrong number fails
 * here too); the learner's notebook must stop at its first exercise's stub and nowhere else. The
 * solution run is shared (course-run.ts) with the test that renders each lesson.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../grading/harness/repo-root';
import { solutionBodies } from '../grading/lib/markers';
import { planNotebooks, SOURCES_DIR, staleNotebooks } from './build';
import { executeAllOnce, executeOnce } from './course-run';
import { type ExecutionResult, executeNotebookAsync, inLanes, jupyterAvailable } from './execute';
import type { Notebook } from './notebook-source';

// An import line gives no answer away, and the lesson may need the same import elsewhere.
const IMPORT = /^import\s[^;]*from\s+['"][^'"]+['"];?$/;

function notebookLines(content: string): Set<string> {
  const notebook = JSON.parse(content) as Notebook;
  return new Set(
    notebook.cells.flatMap((c) =>
      c.source
        .join('')
        .split('\n')
        .map((l) => l.trim()),
    ),
  );
}

describe('notebooks', () => {
  const plans = planNotebooks();
  const withExercises = plans.filter((p) => p.exercises.length > 0);
  const timings: Array<[string, number]> = [];

  it('has a lesson 00', () => {
    assert.ok(
      plans.some((p) => path.basename(p.learner.target).startsWith('00-')),
      'notebooks/src/00-*.md is missing',
    );
  });

  it('learner and solution notebooks are generated from their Markdown sources (run npm run notebooks:build)', () => {
    assert.deepEqual(
      staleNotebooks(plans).map((f) => path.relative(REPO_ROOT, f.target)),
      [],
    );
  });

  it('a lesson without exercises is the same notebook in both forms', () => {
    for (const p of plans.filter((q) => q.exercises.length === 0)) assert.equal(p.learner.content, p.solution.content, p.source);
  });

  for (const plan of withExercises) {
    describe(`${plan.id} exercises`, () => {
      it('never copies a line of an answer into the learner notebook', () => {
        // Whole lines: a short answer line can be a substring of a given line without leaking anything.
        const shown = notebookLines(plan.learner.content);
        const markdown = fs.readFileSync(path.join(SOURCES_DIR, path.basename(plan.source)), 'utf8');
        for (const body of solutionBodies(plan.source, markdown)) {
          for (const line of body
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l.length > 12 && !l.startsWith('//') && !IMPORT.test(l))) {
            assert.ok(!shown.has(line), `${plan.source}: "${line}" reached notebooks/`);
          }
        }
      });

      it('has public checks in notebooks/checks/ and hidden ones in solutions/notebooks/checks/ for exactly its exercises', () => {
        const ids = plan.exercises.map((e) => e.id);
        for (const dir of ['notebooks/checks', 'solutions/notebooks/checks']) {
          const file = path.join(REPO_ROOT, dir, `${plan.id}.ts`);
          assert.ok(fs.existsSync(file), `${dir}/${plan.id}.ts is missing`);
          const { exercises } = require(file) as { exercises: Array<{ id: string; checks: unknown[] }> };
          assert.deepEqual(
            exercises.map((e) => e.id),
            ids,
            `${dir}/${plan.id}.ts`,
          );
          for (const e of exercises) assert.ok(e.checks.length > 0, `${dir}/${plan.id}.ts: ${e.id} has no checks`);
        }
      });

      it('passes every function the checks call from its checker cell', () => {
        const { exercises } = require(path.join(REPO_ROOT, 'notebooks/checks', `${plan.id}.ts`)) as {
          exercises: Array<{ id: string; uses: string[] }>;
        };
        const cells = (JSON.parse(plan.solution.content) as Notebook).cells;
        for (const e of plan.exercises) {
          const checker = cells[e.checkerCell]!.source.join('');
          for (const name of exercises.find((x) => x.id === e.id)!.uses)
            assert.match(checker, new RegExp(`\\b${name}\\b`), `${e.id}'s checker cell does not pass ${name}`);
        }
      });
    });
  }

  describe('executed in Jupyter with the tslab kernel', function () {
    this.timeout(10 * 60 * 1000);
    before(() => {
      assert.ok(
        jupyterAvailable(),
        'Jupyter (with nbclient) is not installed: run npm start first, which installs it and registers the kernel, then run the tests again',
      );
    });
    // Every run up front, two at a time: the tests below read their results. Solutions first
    // (they run longest), so that the batch ends with the short learner runs.
    const learnerRuns = new Map<string, ExecutionResult>();
    let wallSeconds = 0;
    before(async function () {
      this.timeout(40 * 60 * 1000);
      const started = Date.now();
      await inLanes(
        [
          ...plans.map((plan) => () => executeAllOnce([plan.solution.target], 1)),
          ...withExercises.map((plan) => async () => void learnerRuns.set(plan.id, await executeNotebookAsync(plan.learner.target))),
        ],
        2,
      );
      wallSeconds = (Date.now() - started) / 1000;
    });
    after(() => {
      const total = timings.reduce((s, [, t]) => s + t, 0);
      console.log(
        `      notebook execution: ${timings.map(([n, t]) => `${n} ${t.toFixed(1)} s`).join(', ')}; total ${total.toFixed(1)} s in ${wallSeconds.toFixed(1)} s, two at a time`,
      );
    });

    for (const plan of plans) {
      const name = path.basename(plan.solution.target);
      it(`${name} (solution) runs without an error`, () => {
        // Shared with rendered-course.test.ts: the course runs once per test process.
        const result = executeOnce(plan.solution.target);
        timings.push([name.slice(0, 2), result.seconds]);
        assert.ok(result.ok, `${name} failed:\n${result.failure}`);
      });
    }

    for (const plan of withExercises) {
      const first = plan.exercises[0]!;
      it(`${path.basename(plan.learner.target)} (learner) stops at ${first.id}'s checker with the stub's hint, and nowhere before`, () => {
        // nbclient stops at the first failing cell, so this runs only the lesson's opening.
        const result = learnerRuns.get(plan.id) as ExecutionResult;
        timings.push([`${plan.id} learner`, result.seconds]);
        assert.equal(result.ok, false, `${plan.id}: the learner notebook ran to the end, so no stub stopped it`);
        assert.equal(
          result.failedCell,
          first.checkerCell,
          `${plan.id} failed elsewhere than ${first.id}'s checker cell:\n${result.failure}`,
        );
        assert.match(result.failure, /✗ .*: not implemented yet; hint: /, result.failure);
        assert.match(result.failure, new RegExp(`${first.id.replace('.', '\\.')}: \\d+ of \\d+ checks failed`), result.failure);
      });
    }
  });
});
