/**
 * SIGTERM under load, as an orchestrator stops a container: kept-alive connections with
 * requests in flight on the published 127.0.0.1 port, a readiness poller playing the load
 * balancer (`server-template/src/drain-probe.ts`, the same probe as the service's own test),
 * then the exit code. Used by image.grader.ts.
 */
import { probeDrain, type DrainReport } from '../../../server-template/src/drain-probe';
import { exitCode, LIMITS, sendSigterm, type Running } from './image';

export interface DrainOutcome {
  report: DrainReport;
  /** Undefined: still running LIMITS.stop after SIGTERM. */
  code: number | undefined;
}

/** Puts kept-alive load on the container, sends SIGTERM while requests are in flight, waits for the exit. */
export async function drainUnderLoad(run: Running): Promise<DrainOutcome> {
  const id = run.container.getId();
  let signalledAt = Date.now();
  const stop = (): Promise<void> => {
    signalledAt = Date.now();
    return sendSigterm(id);
  };
  const report = await probeDrain({ url: run.base, connections: 16, stop, maxRequests: 20_000, maxMs: 30_000 });
  const code = await exitCode(id, LIMITS.stop - (Date.now() - signalledAt));
  return { report, code };
}

/** What went wrong, worded for the learner (empty when the drain was clean). */
export function drainProblems({ report, code }: DrainOutcome): string[] {
  const problems: string[] = [];
  const failed = Object.values(report.failures).reduce((a, b) => a + b, 0);
  if (report.ok < 160)
    problems.push(
      `only ${report.ok} requests answered 200 (${JSON.stringify(report.failures)}): the load did not run, so nothing was checked`,
    );
  if (failed > 0) {
    problems.push(
      `${failed} of ${report.sent} requests failed (${JSON.stringify(report.failures)}): connections were cut or refused while a load balancer could still route to the container`,
    );
  }
  if (report.readiness503AfterMs === undefined) {
    problems.push(
      'GET /health/ready never answered 503 after SIGTERM: the port closed (or the process died) at once. The service keeps serving with readiness 503 for DRAIN_DELAY_MS, 5 s under NODE_ENV=production — is that set in the final stage, and does SIGTERM reach node itself?',
    );
  }
  if (code === undefined) problems.push(`still running ${LIMITS.stop / 1000} s after SIGTERM: the signal does not reach node`);
  else if (code !== 0)
    problems.push(`exited with code ${code} after SIGTERM, expected 0 (143 means the signal killed the process: no drain ran)`);
  return problems;
}
