/** Shared command-line plumbing: user errors print one clear line, never a stack trace. */
import { LabError } from './labs';
import { MarkerError } from './markers';

/** An error in what the user typed or supplied. */
export class UsageError extends Error {
  override name = 'UsageError';
}

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

/** Splits `argv` into positionals and `--name value` / `--name=value` options. */
export function parseArgs(argv: string[], valued: string[], flags: string[] = []): { pos: string[]; opts: Map<string, string> } {
  const pos: string[] = [];
  const opts = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (!a.startsWith('--')) {
      pos.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (flags.includes(name)) opts.set(name, 'true');
    else if (valued.includes(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      opts.set(name, v);
    } else throw new UsageError(`unknown option --${name}`);
  }
  return { pos, opts };
}
