import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { chromiumPath, program, requireSystem, type SystemComponent } from './require-system';

/** A stand-in for Mocha's context: records whether the hook asked to be skipped. */
function fakeContext(): { skipped: boolean; skip(): never } {
  return {
    skipped: false,
    skip() {
      this.skipped = true;
      throw new Error('skipped'); // Mocha's skip() also throws, to end the hook
    },
  };
}

const absent: SystemComponent = { name: 'Widget', install: 'apt-get install widget', missing: async () => 'no widget at /usr/bin/widget' };
const present: SystemComponent = { name: 'Widget', install: 'apt-get install widget', missing: () => undefined };

describe('requireSystem', () => {
  it('returns without skipping when the component is there', async () => {
    const context = fakeContext();
    await requireSystem(context, present, { CI: 'true' });
    assert.equal(context.skipped, false);
  });

  it('marks the tests pending outside CI, printing the reason and the install line', async () => {
    const context = fakeContext();
    const printed: string[] = [];
    const log = console.log;
    console.log = (line: string) => void printed.push(line);
    try {
      await assert.rejects(requireSystem(context, absent, {}), /skipped/);
    } finally {
      console.log = log;
    }
    assert.equal(context.skipped, true);
    assert.match(
      printed.join('\n'),
      /pending: Widget is not available: no widget at \/usr\/bin\/widget\. Install it with: apt-get install widget/,
    );
  });

  it('fails under CI=true instead of skipping, with the reason and the install line', async () => {
    const context = fakeContext();
    await assert.rejects(
      requireSystem(context, absent, { CI: 'true' }),
      /Widget is not available: no widget.*apt-get install widget[\s\S]*CI=true/,
    );
    assert.equal(context.skipped, false);
  });

  it('treats CI=false like a developer machine', async () => {
    const context = fakeContext();
    const log = console.log;
    console.log = () => undefined;
    try {
      await assert.rejects(requireSystem(context, absent, { CI: 'false' }), /skipped/);
    } finally {
      console.log = log;
    }
    assert.equal(context.skipped, true);
  });
});

describe('system components', () => {
  it('program() finds a program on PATH and names it when it is not there', () => {
    assert.equal(program('node', 'x').missing(), undefined);
    assert.equal(program('no-such-program-here', 'x').missing(), 'no-such-program-here is not on PATH');
  });

  it("chromiumPath() honours CHROMIUM_PATH, else uses Debian's location", () => {
    assert.equal(chromiumPath({ CHROMIUM_PATH: '/opt/chrome/chrome' }), '/opt/chrome/chrome');
    assert.equal(chromiumPath({}), '/usr/bin/chromium');
  });
});

describe('requireSystem in a real mocha run', function () {
  this.timeout(60_000);
  const fixture = path.join(__dirname, 'fixtures', 'needs-missing-program.test.ts');
  const mocha = (env: NodeJS.ProcessEnv) => {
    const run = spawnSync(
      process.execPath,
      [require.resolve('mocha/bin/mocha.js'), '--no-config', '--require', 'tsx/cjs', '--reporter', 'json', fixture],
      { env, encoding: 'utf8', timeout: 50_000 },
    );
    const json = run.stdout.slice(run.stdout.indexOf('{\n'));
    return { status: run.status, stats: (JSON.parse(json) as { stats: { passes: number; pending: number; failures: number } }).stats };
  };

  it('reports the suite pending and exits 0 outside CI', () => {
    const { status, stats } = mocha({ ...process.env, CI: '' });
    assert.deepEqual([status, stats.passes, stats.pending, stats.failures], [0, 0, 1, 0]);
  });

  it('fails the suite under CI=true', () => {
    const { status, stats } = mocha({ ...process.env, CI: 'true' });
    assert.deepEqual([status, stats.passes, stats.failures], [1, 0, 1]);
  });
});
