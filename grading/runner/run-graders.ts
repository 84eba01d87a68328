/**
 * Runs a lab's grader files against one staged submission, in this (trusted) process; the
 * submission itself runs in the sandbox process that `Sandbox` starts.
 */
import Mocha from 'mocha';
import * as path from 'node:path';
import { disposeShared, setSubmission } from '../harness';
import { GradescopeReporter, type ReporterOptions } from '../harness/reporter';
import type { Results, RunStatus, TestResult, Visibility } from '../harness/results';
import type { Lab } from '../lib/labs';
import { Sandbox } from '../sandbox/client';
import type { SandboxSpec } from '../sandbox/isolation';

export interface GraderRun {
  lab: Lab;
  submission: string;
  /** Grader files (absolute), public ones first. */
  files: string[];
  /** Files under this folder are instructor checks. */
  instructorDir?: string;
  spec: SandboxSpec;
}

function visibilityOf(run: GraderRun): (file: string) => Visibility {
  return (file) =>
    run.instructorDir && path.resolve(file).startsWith(path.resolve(run.instructorDir) + path.sep)
      ? run.lab.config.instructor_visibility
      : 'visible';
}

function mochaRun(run: GraderRun, onEnd: ReporterOptions['onEnd']): Promise<void> {
  const reporterOptions: ReporterOptions = { visibility: visibilityOf(run), onEnd };
  // Margin over the sandbox's own call limit, so the sandbox reports the timeout first.
  const mocha = new Mocha({
    timeout: run.lab.config.timeouts.test_ms * 2 + 2000,
    reporter: GradescopeReporter as unknown as string,
    reporterOptions,
  });
  for (const f of run.files) mocha.addFile(f);
  return new Promise((resolve) => mocha.run(() => resolve()));
}

/** Grades one staged submission; never throws for anything the submission does. */
export async function runGraders(run: GraderRun): Promise<Results> {
  const t0 = Date.now();
  const sandbox = new Sandbox(run.spec, run.lab.config.timeouts.test_ms);
  setSubmission(sandbox);
  let tests: TestResult[] = [];
  try {
    await mochaRun(run, (t) => (tests = t));
  } finally {
    await disposeShared(sandbox);
    sandbox.stop();
    setSubmission(undefined);
  }
  const incidents = sandbox.incidents.map((i) => `${i.kind}: ${i.detail}`);
  const status: RunStatus = sandbox.incidents.some((i) => i.kind === 'timeout')
    ? 'timeout'
    : sandbox.incidents.some((i) => i.kind === 'crashed')
      ? 'crashed'
      : 'graded';
  const score = tests.reduce((s, t) => s + t.score, 0);
  const max = tests.reduce((s, t) => s + t.max_score, 0);
  const skipped = tests.reduce((s, t) => s + (t.skipped_points ?? 0), 0);
  const tail = sandbox.output.trim() ? `\n\nLast output of the submission:\n${sandbox.output.trim().slice(-1500)}` : '';
  return {
    score,
    max_score: max,
    execution_time: Math.round((Date.now() - t0) / 100) / 10,
    output: `${status === 'graded' ? 'Graded.' : `Stopped: ${incidents.join('; ')}`}${tail}`,
    tests,
    extra_data: {
      lab: run.lab.config.id,
      submission: run.submission,
      status,
      incidents,
      ...(skipped > 0 ? { skipped_points: skipped } : {}),
    },
  };
}
