/**
 * A mocha reporter that turns check() results into Gradescope tests: full points when a
 * check passes, none when it fails (with expected / got / where to look), none for
 * checks that never ran because a setup hook failed, and none of none (with the reason) for
 * checks skipped because this machine lacks what they need.
 */
import type Mocha from 'mocha';
import { checkInfo, checkNotes, skipReasons } from './index';
import type { TestResult, Visibility } from './results';

export interface ReporterOptions {
  /** Visibility of the checks of a grader file. */
  visibility: (file: string) => Visibility;
  /** Receives every check, in declaration order, when the run ends. */
  onEnd: (tests: TestResult[]) => void;
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || v === undefined) return String(v);
  try {
    return JSON.stringify(v).slice(0, 500);
  } catch {
    return String(v);
  }
}

/** The learner-facing text of a failed check. */
export function describeFailure(err: unknown, hint: string): string {
  const e = err as { name?: string; message?: string; expected?: unknown; actual?: unknown; operator?: string };
  const lines: string[] = [];
  if (e && e.name === 'AssertionError' && 'expected' in e) {
    lines.push(e.message?.split('\n')[0] ?? 'wrong result', `expected: ${show(e.expected)}`, `got: ${show(e.actual)}`);
  } else {
    lines.push(`got an error: ${e?.message ?? String(err)}`);
  }
  lines.push(`where to look: ${hint}`);
  return lines.join('\n');
}

function allTests(suite: Mocha.Suite): Mocha.Test[] {
  return [...suite.tests, ...suite.suites.flatMap(allTests)];
}

export class GradescopeReporter {
  constructor(runner: Mocha.Runner, options: { reporterOptions: ReporterOptions }) {
    const opts = options.reporterOptions;
    const results = new Map<Mocha.Test, TestResult>();
    const hookErrors: string[] = [];
    const entry = (t: Mocha.Test): TestResult => {
      const info = checkInfo.get(t) ?? { points: 0, hint: 'see the lab brief' };
      let r = results.get(t);
      if (!r) {
        r = { name: t.title, score: 0, max_score: info.points, output: 'did not run', visibility: opts.visibility(t.file ?? '') };
        results.set(t, r);
      }
      return r;
    };
    runner.on('start', () => allTests(runner.suite).forEach(entry));
    runner.on('pass', (t) => {
      const r = entry(t);
      r.score = r.max_score;
      const noted = checkNotes.get(t);
      r.output = noted === undefined ? 'passed' : `passed: ${noted}`;
    });
    runner.on('pending', (t) => {
      const reason = skipReasons.get(t);
      if (reason === undefined) return; // a plain it.skip: stays "did not run", worth its points
      const r = entry(t);
      Object.assign(r, {
        score: 0,
        max_score: 0,
        status: 'skipped',
        skipped_points: checkInfo.get(t)?.points ?? 0,
        output: `skipped: ${reason}`,
      });
    });
    runner.on('fail', (t, err) => {
      if ((t as { type?: string }).type === 'hook') {
        hookErrors.push(`${t.title}: ${(err as Error).message}`);
        return;
      }
      const test = t as Mocha.Test;
      entry(test).output = describeFailure(err, checkInfo.get(test)?.hint ?? 'see the lab brief');
    });
    runner.once('end', () => {
      const tests = allTests(runner.suite).map(entry);
      for (const r of tests)
        if (r.output === 'did not run' && hookErrors.length) r.output = `did not run: a setup step failed (${hookErrors[0]})`;
      const seen = new Map<string, number>();
      for (const r of tests) {
        const n = (seen.get(r.name) ?? 0) + 1;
        seen.set(r.name, n);
        if (n > 1) r.name = `${r.name} (${n})`;
      }
      opts.onEnd(tests);
    });
  }
}
