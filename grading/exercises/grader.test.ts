import assert from 'node:assert/strict';
import { closeTo, eventually, type ExerciseChecks } from './check';
import { type CheckResult, createGrader, ExerciseFailed, REPORT_PREFIX, reportExercise, runExercise } from './grader';

type F = { double: (x: number) => number };
const exercise: ExerciseChecks<F> = {
  id: 'nb-09.1',
  section: 'Doubling',
  uses: ['double'],
  checks: [
    closeTo<F>('doubles 2', { got: (f) => f.double(2), expected: 4, absolute: 1e-12, hint: 'multiply by two' }),
    closeTo<F>('doubles −1', { got: (f) => f.double(-1), expected: -2, absolute: 1e-12, hint: 'mind the sign' }),
  ],
};

/** The results of a run that must be synchronous: a lesson's existing checker cells do not await. */
function now(results: CheckResult[] | Promise<CheckResult[]>): CheckResult[] {
  assert.ok(Array.isArray(results), 'a run of synchronous checks returned a Promise');
  return results;
}

/** What `run` printed while it ran, awaited. */
async function printedAsync(run: () => unknown): Promise<{ lines: string[]; error?: unknown }> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (line: string) => lines.push(line);
  try {
    await run();
    return { lines };
  } catch (error) {
    return { lines, error };
  } finally {
    console.log = original;
  }
}

function printed(run: () => void): { lines: string[]; error?: unknown } {
  const lines: string[] = [];
  const original = console.log;
  console.log = (line: string) => lines.push(line);
  try {
    run();
    return { lines };
  } catch (error) {
    return { lines, error };
  } finally {
    console.log = original;
  }
}

describe('exercise grader', () => {
  const grader = createGrader('notebooks/checks/nb-09.ts', [exercise]);

  it('prints ✓ with the figure reached for each passing check', () => {
    const out = printed(() => grader.check('nb-09.1', (x: number) => 2 * x));
    assert.equal(out.error, undefined);
    assert.deepEqual(out.lines, ['✓ doubles 2 (max absolute error 0.0e+0 < 1e-12)', '✓ doubles −1 (max absolute error 0.0e+0 < 1e-12)']);
  });

  it('prints ✗ with expected, got, hint and section, then throws without a stack trace', () => {
    const out = printed(() => grader.check('nb-09.1', (x: number) => Math.abs(2 * x)));
    assert.equal(
      out.lines[1],
      '✗ doubles −1: expected [-2] (max absolute error < 1e-12), got 2 (max absolute error 4.0e+0); hint: mind the sign (see "Doubling")',
    );
    assert.ok(out.error instanceof ExerciseFailed);
    assert.equal((out.error as Error).message, 'nb-09.1: 1 of 2 checks failed (see ✗ above)');
    assert.doesNotMatch((out.error as Error).stack ?? '', /\n\s+at /);
  });

  it("turns a stub's not-implemented error into a ✗ carrying the stub's hint", () => {
    const stub = (): number => {
      throw new Error('nb-09.1: not implemented — multiply x by 2');
    };
    const out = printed(() => grader.check('nb-09.1', stub));
    assert.equal(out.lines[0], '✗ doubles 2: not implemented yet; hint: multiply x by 2 (see "Doubling")');
    assert.ok(out.error instanceof ExerciseFailed);
  });

  it('reports any other error as a ✗ with what was expected', () => {
    const results = now(
      runExercise(exercise, {
        double: () => {
          throw new TypeError('x is undefined');
        },
      }),
    );
    assert.equal(
      results[0]!.line,
      '✗ doubles 2: expected [4] (max absolute error < 1e-12), got an error: TypeError: x is undefined; hint: multiply by two (see "Doubling")',
    );
  });

  it('fails every check when the function is not passed, saying how to call the checker', () => {
    const out = printed(() => grader.check('nb-09.1'));
    assert.match(
      out.lines[0]!,
      /got no function named double; hint: pass your function to the checker: grader\.check\('nb-09\.1', double\)/,
    );
  });

  it('names the checks file when asked for an exercise it does not have', () => {
    assert.throws(
      () => grader.check('nb-09.7', () => 0),
      /notebooks\/checks\/nb-09\.ts has no checks for exercise "nb-09\.7" \(it has nb-09\.1\)/,
    );
  });

  it('reports public and hidden results as one JSON line for the grading hook, and never throws', () => {
    const hidden: ExerciseChecks<F> = {
      ...exercise,
      checks: [closeTo<F>('doubles 0.5', { got: (f) => f.double(0.5), expected: 1, absolute: 1e-12, hint: 'h' })],
    };
    const out = printed(() => reportExercise('nb-09.1', { public: [exercise], hidden: [hidden] }, (x: number) => (x > 0 ? 2 * x : x)));
    assert.equal(out.error, undefined);
    const results = JSON.parse(out.lines[0]!.slice(REPORT_PREFIX.length)) as Array<{ name: string; ok: boolean; visibility: string }>;
    assert.deepEqual(
      results.map((r) => [r.name, r.ok, r.visibility]),
      [
        ['doubles 2', true, 'public'],
        ['doubles −1', false, 'public'],
        ['doubles 0.5', true, 'hidden'],
      ],
    );
  });

  it('reports the public checks alone when given no hidden checks', () => {
    const out = printed(() => reportExercise('nb-09.1', { public: [exercise], hidden: [] }, (x: number) => 2 * x));
    const results = JSON.parse(out.lines[0]!.slice(REPORT_PREFIX.length)) as Array<{ visibility: string }>;
    assert.deepEqual(
      results.map((r) => r.visibility),
      ['public', 'public'],
    );
  });

  describe('with asynchronous checks', () => {
    type S = { serve: (x: number) => Promise<number> };
    const later = (v: number, ms: number): Promise<number> => new Promise((resolve) => setTimeout(() => resolve(v), ms));
    const served = (name: string, x: number, timeLimitMs?: number) =>
      eventually<S, number>(name, {
        got: (f) => f.serve(x),
        test: (v) => v === 2 * x,
        expected: String(2 * x),
        show: String,
        hint: 'answer twice the input',
        timeLimitMs,
      });
    const asyncExercise: ExerciseChecks<S> = {
      id: 'nb-09.2',
      section: 'Serving',
      uses: ['serve'],
      checks: [served('serves 2', 2), served('serves 3', 3)],
    };
    const asyncGrader = createGrader('notebooks/checks/nb-09.ts', [asyncExercise]);

    it('awaits them: the checker returns a Promise, and prints ✓ once they have settled', async () => {
      const result = asyncGrader.check('nb-09.2', (x: number) => later(2 * x, 5));
      assert.ok(result instanceof Promise);
      const out = await printedAsync(() => result);
      assert.equal(out.error, undefined);
      assert.deepEqual(out.lines, ['✓ serves 2 (4)', '✓ serves 3 (6)']);
    });

    it('rejects with ExerciseFailed and prints ✗ when one fails', async () => {
      const out = await printedAsync(() => asyncGrader.check('nb-09.2', (x: number) => later(x === 3 ? 7 : 2 * x, 1)));
      assert.equal(out.lines[1], '✗ serves 3: expected 6, got 7; hint: answer twice the input (see "Serving")');
      assert.ok(out.error instanceof ExerciseFailed);
    });

    it("runs them one after another, never two of the learner's servers at once", async () => {
      let running = 0;
      let most = 0;
      const serve = async (x: number): Promise<number> => {
        most = Math.max(most, ++running);
        await later(0, 5);
        running--;
        return 2 * x;
      };
      const results = await runExercise(asyncExercise, { serve });
      assert.deepEqual([results.map((r) => r.ok), most], [[true, true], 1]);
    });

    it('gives up on one that does not settle within its time limit, and says so', async () => {
      const hung: ExerciseChecks<S> = { ...asyncExercise, checks: [served('serves 2', 2, 30)] };
      const started = Date.now();
      const [result] = await runExercise(hung, { serve: () => new Promise<number>(() => undefined) });
      assert.ok(Date.now() - started < 1000);
      assert.equal(
        result!.line,
        '✗ serves 2: expected 4, got no result within 0.03 s (the check\'s time limit); hint: answer twice the input (see "Serving")',
      );
    });

    it('reports a rejection as an error, and a stub as not implemented', async () => {
      const [rejected] = await runExercise(asyncExercise, { serve: () => Promise.reject(new RangeError('port in use')) });
      assert.match(rejected!.line, /got an error: RangeError: port in use; hint/);
      const [stub] = await runExercise(asyncExercise, {
        serve: () => {
          throw new Error('nb-09.2: not implemented — start a server');
        },
      });
      assert.match(stub!.line, /not implemented yet; hint: start a server/);
    });

    it('reports them through the grading hook once they have settled', async () => {
      const hidden: ExerciseChecks<S> = { ...asyncExercise, checks: [served('serves 0', 0)] };
      const out = await printedAsync(() =>
        reportExercise('nb-09.2', { public: [asyncExercise], hidden: [hidden] }, (x: number) => later(2 * x, 1)),
      );
      const results = JSON.parse(out.lines[0]!.slice(REPORT_PREFIX.length)) as Array<{ name: string; ok: boolean; visibility: string }>;
      assert.deepEqual(
        results.map((r) => [r.name, r.ok, r.visibility]),
        [
          ['serves 2', true, 'public'],
          ['serves 3', true, 'public'],
          ['serves 0', true, 'hidden'],
        ],
      );
    });
  });
});
