/**
 * Instructor check for lab 02: the service, run as its own process the way it ships, drains on
 * SIGTERM under kept-alive load. The template does the draining; a learner's own SIGTERM handler
 * or `process.exit` cuts the requests it is finishing.
 */
import { check, submission } from '../../../grading/harness';
import { probeDrain, type DrainReport } from '../../../server-template/src/drain-probe';

const MAIN = 'src/main.ts';
/**
 * A shorter drain delay than the image's 5 s, still long enough for the probe's "load balancer"
 * to see the 503 and stop routing on a busy grading machine.
 */
const DRAIN_DELAY_MS = 3_000;
const ENV = { NODE_ENV: 'production', DRAIN_DELAY_MS: String(DRAIN_DELAY_MS), SHUTDOWN_TIMEOUT_MS: '8000', LOG_LEVEL: 'warn' };
/** The service's own bound (SHUTDOWN_TIMEOUT_MS) plus the second its exit watchdog allows. */
const EXIT_BOUND_MS = 9_000;
const START_MS = 30_000;

interface LabExit {
  code: number | null;
  signal: string | null;
  afterMs: number;
  killed: boolean;
}

/**
 * Failures the service is to blame for. A connection refused once the process has kept its
 * listener through the whole drain delay and exited 0 is the probe's own lateness: on a busy
 * machine its "load balancer" can react after the delay, and then keeps sending to a port that
 * has rightly closed. A process that exits before the delay is over (its own SIGTERM handler)
 * is blamed for every failure, refused connections included; resets and 5xx always count.
 */
function blamedFailures(report: DrainReport, exit: LabExit): Record<string, number> {
  const drainedFully = !exit.killed && exit.code === 0 && exit.afterMs >= DRAIN_DELAY_MS && report.readiness503AfterMs !== undefined;
  if (!drainedFully) return report.failures;
  const { ECONNREFUSED: _lateProbe, ...rest } = report.failures;
  return rest;
}

/** What went wrong, worded for the learner (empty when the drain was clean). */
function drainProblems(report: DrainReport, exit: LabExit): string[] {
  const problems: string[] = [];
  const failures = blamedFailures(report, exit);
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  const seen = report.readiness503AfterMs === undefined ? 'never' : `${report.readiness503AfterMs} ms after SIGTERM`;
  if (failed > 0)
    problems.push(
      `${failed} of ${report.sent} requests failed (${JSON.stringify(failures)}; readiness 503 seen ${seen}): connections were cut with requests in flight`,
    );
  if (report.readiness503AfterMs === undefined)
    problems.push('GET /health/ready never answered 503 after SIGTERM: the process stopped before the template could drain');
  if (report.ok < 80)
    problems.push(`only ${report.ok} requests answered 200 before the signal and during the drain (expected the load to run: at least 80)`);
  if (exit.killed) problems.push(`still running ${EXIT_BOUND_MS / 1000} s after SIGTERM`);
  else if (exit.code !== 0)
    problems.push(`exited with code ${exit.code}${exit.signal ? ` (signal ${exit.signal})` : ''} after SIGTERM, expected 0`);
  return problems;
}

describe('lab-02 instructor checks: shutdown', () => {
  check(
    'SIGTERM under kept-alive load, run as the service ships: no request fails, readiness 503 first, exit 0',
    2,
    "src/app.ts, src/validate.ts: no process.on('SIGTERM') or process.exit() of your own — the template drains by itself",
    async () => {
      const socketPath = (await submission().call(MAIN, 'startLabProcess', [ENV, START_MS], START_MS + 5_000)) as string;
      let exited: Promise<unknown> | undefined;
      const stop = (): void => {
        exited = submission().call(MAIN, 'stopLabProcess', [EXIT_BOUND_MS], EXIT_BOUND_MS + 5_000);
      };
      const report = await probeDrain({ url: 'http://localhost', socketPath, connections: 8, stop, maxRequests: 5_000, maxMs: 20_000 });
      // The probe calls stop() once its load is warm; without it the service is stopped here.
      exited ??= submission().call(MAIN, 'stopLabProcess', [EXIT_BOUND_MS], EXIT_BOUND_MS + 5_000);
      const exit = (await exited) as LabExit;
      const problems = drainProblems(report, exit);
      if (problems.length > 0)
        throw new Error(
          `expected every request answered, readiness 503 while draining and exit code 0 within ${EXIT_BOUND_MS / 1000} s:\n  - ${problems.join('\n  - ')}`,
        );
    },
  ).timeout(START_MS + 20_000 + EXIT_BOUND_MS + 15_000);
});
