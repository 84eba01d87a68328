/**
 * Every lesson is executed by real Jupyter with the TypeScript kernel, top to bottom, as a
 * learner's "Run all" would. Key results are asserted inside the notebooks, so a wrong number
 * fails here too. The run is shared (course-run.ts) with the test that renders each lesson.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { planNotebooks, staleNotebooks } from './build';
import { executeOnce } from './course-run';
import { jupyterAvailable } from './execute';

describe('notebooks', function () {
  const plans = planNotebooks();
  const timings: Array<[string, number]> = [];

  it('has a lesson 00', () => {
    assert.ok(plans.some((p) => path.basename(p.target).startsWith('00-')), 'notebooks/src/00-*.md is missing');
  });

  it('are generated from their Markdown sources (run npm run notebooks:build)', () => {
    assert.deepEqual(staleNotebooks(plans).map((p) => path.basename(p.target)), []);
  });

  describe('executed in Jupyter with the tslab kernel', function () {
    this.timeout(10 * 60 * 1000);
    before(function () {
      assert.ok(jupyterAvailable(), 'Jupyter is not installed: apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient (or pip install jupyterlab), then npx tslab install');
    });
    after(() => {
      const total = timings.reduce((s, [, t]) => s + t, 0);
      console.log(`      notebook execution: ${timings.map(([n, t]) => `${n} ${t.toFixed(1)} s`).join(', ')}; total ${total.toFixed(1)} s`);
    });

    for (const plan of plans) {
      const name = path.basename(plan.target);
      it(`${name} runs without an error`, () => {
        // Shared with rendered-course.test.ts: the course runs once per test process.
        const result = executeOnce(plan.target);
        timings.push([name.slice(0, 2), result.seconds]);
        assert.ok(result.ok, `${name} failed:\n${result.failure}`);
      });
    }
  });
});
