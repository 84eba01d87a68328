/**
 * What `npm run pipeline` exits with, and the guard around a run: a run that ends without an
 * outcome is a failure, never a silent exit 0.
 *
 * Node exits 0 when its event loop has nothing left to wait for, even while a promise is still
 * pending (a request whose only time limit is an unreferenced timer, a stream that never ends).
 * A release cut off that way looks like a success to CI and leaves its smoke container behind,
 * so the guard watches for it (`beforeExit` with the run unsettled), names the step it was in,
 * sets exit status 1 and removes what the run started. A signal does the same.
 */
import { STEP_NAMES, type PipelineOutcome, type StepName } from './step';

/** The parts of `process` the guard uses (tests pass a fake). */
export interface GuardHost {
  on(event: 'beforeExit' | 'SIGINT' | 'SIGTERM', listener: (arg: unknown) => void): unknown;
  off(event: 'beforeExit' | 'SIGINT' | 'SIGTERM', listener: (arg: unknown) => void): unknown;
  exitCode?: number | string | null | undefined;
  exit(code: number): void;
}

export interface GuardOptions {
  /** Starts the run; calls `onStep` as each step begins. */
  run(onStep: (name: StepName) => void): Promise<PipelineOutcome>;
  /** The steps the run was asked for, in order (`--until` shortens them). */
  expected: readonly StepName[];
  /** Removes what the run started and may still be running (the smoke container); never throws. */
  cleanup(): Promise<unknown>;
  host?: GuardHost;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** Exit statuses of a run cut short by a signal: 128 + the signal's number, as shells report it. */
const SIGNAL_STATUS = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * The exit status for `outcome`, and the line that says why. Success is only a plan printed
 * (`--dry-run`) or every expected step run and passed; anything else exits 1.
 */
export function judgeOutcome(outcome: PipelineOutcome, expected: readonly StepName[]): { code: 0 | 1; line: string } {
  const seconds = outcome.ran.reduce((s, r) => s + r.seconds, 0).toFixed(1);
  if (outcome.kind === 'planned') return { code: 0, line: '' };
  if (outcome.kind === 'stopped')
    return { code: 1, line: `npm run pipeline: stopped at ${outcome.stoppedAt?.name}: ${outcome.stoppedAt?.reason}` };
  const ran = outcome.ran.map((r) => r.name);
  const allPassed = outcome.ran.every((r) => r.result.kind === 'passed');
  if (outcome.kind === 'completed' && allPassed && ran.join(',') === expected.join(',')) {
    const until = expected.length < STEP_NAMES.length ? `ran until ${expected[expected.length - 1]}` : 'completed';
    return { code: 0, line: `pipeline ${until}: ${ran.length} steps in ${seconds} s (last: ${ran[ran.length - 1] ?? 'none'})` };
  }
  return {
    code: 1,
    line: `npm run pipeline: the run ended without an outcome after ${ran[ran.length - 1] ?? 'no step'} (ran ${ran.join(', ') || 'nothing'} of ${expected.join(', ')})`,
  };
}

/** Runs the pipeline under the guard; resolves to the exit status it set (rejects when the run itself throws, after cleaning up). */
export async function guardRun(options: GuardOptions): Promise<number> {
  const host: GuardHost = options.host ?? process;
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  let current: StepName | undefined;
  let settled = false;
  let cut = false;
  const where = (): string => (current ? `the ${current} step` : 'before its first step');

  const onDrain = (): void => {
    if (settled || cut) return;
    cut = true;
    err(
      `npm run pipeline: the run ended in ${where()} without an outcome: Node had nothing left to wait for while the step was still pending (exit status 1)`,
    );
    host.exitCode = 1;
    // Async work here keeps the process alive until it is done; `beforeExit` then fires again and is ignored.
    void options.cleanup();
  };
  const onSignal = (signal: unknown): void => {
    const name = signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM';
    // A second signal while cleaning up: the user insists, stop now.
    if (cut) {
      host.exit(SIGNAL_STATUS[name]);
      return;
    }
    cut = true;
    err(`npm run pipeline: ${name} in ${where()}; removing what the run started`);
    void options.cleanup().finally(() => host.exit(SIGNAL_STATUS[name]));
  };
  host.on('beforeExit', onDrain);
  host.on('SIGINT', onSignal);
  host.on('SIGTERM', onSignal);
  try {
    const outcome = await options.run((name) => {
      current = name;
    });
    settled = true;
    const { code, line } = judgeOutcome(outcome, options.expected);
    if (line) (code === 0 ? out : err)(line);
    host.exitCode = code;
    return code;
  } finally {
    settled = true;
    await options.cleanup();
    host.off('beforeExit', onDrain);
    host.off('SIGINT', onSignal);
    host.off('SIGTERM', onSignal);
  }
}
