/**
 * `npm run bench [-- name…]`: runs every `bench/*.bench.ts` (or the named ones) one after
 * another, each in its own process so one benchmark's warm caches do not flatter the next.
 * Benchmarks print their own tables and write `bench/results/<name>.json`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCommandLine, UsageError } from '../grading/lib/usage';

/** The benchmark names asked for (none: all); a flag is a usage error, since none is defined. */
function askedFor(argv: string[]): string[] {
  try {
    return parseCommandLine({ args: argv, allowPositionals: true }, 'usage: npm run bench [-- name…]').positionals;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`error: ${e.message}`);
    return process.exit(2);
  }
}

const only = askedFor(process.argv.slice(2));
const benches = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();
if (benches.length === 0) {
  console.error(
    `no benchmark matches ${only.join(', ')}; available: ${fs
      .readdirSync(__dirname)
      .filter((f) => f.endsWith('.bench.ts'))
      .join(', ')}`,
  );
  process.exit(1);
}
const failed: string[] = [];
for (const file of benches) {
  console.log(`\n━━ ${file} ━━`);
  const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(file);
}
console.log(failed.length ? `\nfailed: ${failed.join(', ')}` : `\nall ${benches.length} benchmarks ran; results in bench/results/`);
process.exit(failed.length ? 1 : 0);
