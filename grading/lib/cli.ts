/** Shared command-line plumbing: user errors print one clear line, never a stack trace. */
import { LabError } from './labs';
import { MarkerError } from './markers';
import { UsageError } from './usage';

export { parseCommandLine, UsageError } from './usage';

/** Runs `main`, exits with its code; known user errors print their message only. */
export function runCli(main: () => number | Promise<number>): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e: unknown) => {
        const known = e instanceof UsageError || e instanceof LabError || e instanceof MarkerError;
        console.error(known ? `error: ${(e as Error).message}` : e);
        process.exitCode = 2;
      },
    );
}
