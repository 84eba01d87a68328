import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestResult } from './results';

/** Runs `graderSource` through mocha with the Gradescope reporter in a fresh process; its tests. */
function runGrader(graderSource: string): TestResult[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-reporter-'));
  try {
    const grader = path.join(dir, 'x.grader.ts');
    fs.writeFileSync(grader, graderSource.replace(/HARNESS/g, JSON.stringify(path.join(__dirname, 'index.ts'))));
    const main = `const Mocha = require('mocha').default;
const { GradescopeReporter } = require(${JSON.stringify(path.join(__dirname, 'reporter.ts'))});
const mocha = new Mocha({ reporter: GradescopeReporter, reporterOptions: { visibility: () => 'visible', onEnd: (t) => console.log(JSON.stringify(t)) } });
mocha.addFile(${JSON.stringify(grader)});
mocha.run();`;
    const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', main], { encoding: 'utf8', timeout: 60_000 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    assert.ok(line.startsWith('['), `no results: ${r.stdout}${r.stderr}`);
    return JSON.parse(line) as TestResult[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('GradescopeReporter', function () {
  this.timeout(60_000);
  it('gives a skipped check neither score nor max, with the reason and the points it was worth', () => {
    const tests = runGrader(`const { check, skipCheck } = require(HARNESS);
describe('g', () => {
  check('passes', 2, 'a.ts', () => undefined);
  check('fails', 3, 'b.ts', () => { throw new Error('wrong'); });
  check('needs docker', 4, 'Dockerfile', async () => { await Promise.resolve(); skipCheck('no Docker engine'); });
});`);
    assert.deepEqual(
      tests.map((t) => [t.name, t.score, t.max_score, t.status ?? '', t.skipped_points ?? 0]),
      [
        ['passes', 2, 2, '', 0],
        ['fails', 0, 3, '', 0],
        ['needs docker', 0, 0, 'skipped', 4],
      ],
    );
    assert.equal(tests[2]?.output, 'skipped: no Docker engine');
    assert.match(tests[1]?.output ?? '', /got an error: wrong\nwhere to look: b\.ts/);
  });

  it("shows what a passing check noted in its output, and nothing of a failing check's note", () => {
    const tests = runGrader(`const { check, note } = require(HARNESS);
describe('g', () => {
  check('served', 1, 'a.ts', () => { note('served your own model 0.4.0'); });
  check('plain', 1, 'a.ts', () => undefined);
  check('noted, then failed', 1, 'b.ts', () => { note('half way'); throw new Error('wrong'); });
});`);
    assert.deepEqual(
      tests.map((t) => [t.name, t.score, t.output.split('\n')[0]]),
      [
        ['served', 1, 'passed: served your own model 0.4.0'],
        ['plain', 1, 'passed'],
        ['noted, then failed', 0, 'got an error: wrong'],
      ],
    );
  });
});
