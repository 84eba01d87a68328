/**
 * `npm run labs:build [-- --check]`: generate `labs/` from `solutions/`, or (with --check)
 * fail when `labs/` is out of date.
 */
import * as path from 'node:path';
import { buildAll } from '../lib/build';
import { REPO_ROOT } from '../lib/labs';
import { runCli, UsageError } from '../lib/cli';

runCli(() => {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(' ')}; usage: npm run labs:build [-- --check]`);
  const check = args.includes('--check');
  const report = buildAll(path.join(REPO_ROOT, 'solutions'), path.join(REPO_ROOT, 'labs'), check);
  if (check && report.stale.length > 0) {
    console.error(`labs/ is out of date; run npm run labs:build\n  ${report.stale.join('\n  ')}`);
    return 1;
  }
  console.log(`${check ? 'up to date' : 'generated'}: ${report.labs.map((l) => `labs/${l}`).join(', ') || '(no labs)'}`);
  return 0;
});
