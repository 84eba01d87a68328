/**
 * `npm run labs:build [-- --check]`: generate `labs/` from `solutions/`, or (with --check)
 * fail when `labs/` is out of date.
 */
import * as path from 'node:path';
import { buildAll } from '../lib/build';
import { REPO_ROOT } from '../harness/repo-root';
import { parseCommandLine, runCli } from '../lib/cli';

runCli(() => {
  const { values } = parseCommandLine(
    { args: process.argv.slice(2), options: { check: { type: 'boolean', default: false } } },
    'usage: npm run labs:build [-- --check]',
  );
  const check = values.check;
  const report = buildAll(path.join(REPO_ROOT, 'solutions'), path.join(REPO_ROOT, 'labs'), check);
  if (check && report.stale.length > 0) {
    console.error(`labs/ is out of date; run npm run labs:build\n  ${report.stale.join('\n  ')}`);
    return 1;
  }
  console.log(`${check ? 'up to date' : 'generated'}: ${report.labs.map((l) => `labs/${l}`).join(', ') || '(no labs)'}`);
  return 0;
});
