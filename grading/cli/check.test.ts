import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../harness/repo-root';

function check(...args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'check.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('npm run check', () => {
  it('exits 0 with full marks on the solution', () => {
    const r = check('lab-00', '--dir', path.join(REPO_ROOT, 'solutions', 'lab-00-warm-up'));
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /Score: 10 \/ 10/);
  });
  it('exits 1 on the starter, with expected / got / where to look for a failing check', () => {
    const r = check('00');
    assert.equal(r.code, 1, r.out);
    assert.match(
      r.out,
      /✗ accuracy[^\n]*\n\s+got an error: Error: lab-00-warm-up: not implemented — [^\n]+\n\s+where to look: src\/metrics\.ts/,
    );
  });
  it('lists the labs for an unknown lab, without a stack trace', () => {
    const r = check('lab-42');
    assert.equal(r.code, 2);
    assert.match(r.out, /unknown lab "lab-42"[\s\S]*lab-00-warm-up/);
    assert.doesNotMatch(r.out, /\n\s+at /);
  });
});
