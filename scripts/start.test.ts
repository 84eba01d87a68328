import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jupyterPython } from './jupyter';
import { checkInstall, checkNode, consentPolicy, freePort, PreflightError } from './start';

const START = path.join(__dirname, 'start.ts');
const TSX = require.resolve('tsx/cli');

describe('npm start', function () {
  this.timeout(5 * 60 * 1000);

  describe('checkNode', () => {
    it('accepts Node 20 and newer', () => {
      assert.doesNotThrow(() => checkNode('20.0.0'));
      assert.doesNotThrow(() => checkNode('22.3.1'));
    });
    it('refuses Node 18 with a message naming the version needed', () => {
      assert.throws(
        () => checkNode('18.19.0'),
        (e: unknown) => e instanceof PreflightError && /Node 18\.19\.0 is too old.*Node 20/.test(e.message),
      );
    });
  });

  describe('checkInstall', () => {
    it('names npm ci and the compilers better-sqlite3 needs when the packages are missing', () => {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-modules-'));
      assert.throws(
        () => checkInstall(empty),
        (e: unknown) => e instanceof PreflightError && /run npm ci/.test(e.message) && /python3, make and a C\+\+ compiler/.test(e.message),
      );
    });
    it('passes in this checkout, where npm ci has run', () => {
      assert.doesNotThrow(() => checkInstall());
    });
  });

  describe('consentPolicy', () => {
    it('reads --yes, -y and CI=true, and whether a terminal is attached', () => {
      assert.deepEqual(consentPolicy(['node', 'start.ts'], {}, true), { yes: false, ci: false, terminal: true });
      assert.deepEqual(consentPolicy(['node', 'start.ts', '--yes'], { CI: 'true' }, false), { yes: true, ci: true, terminal: false });
      assert.equal(consentPolicy(['node', 'start.ts', '-y'], {}, true).yes, true);
    });
  });

  describe('without Jupyter and without any way to install it', () => {
    it('exits non-zero saying why, with the three ways to install it, and no stack trace', () => {
      // An empty PATH: no jupyter, no python3, no apt-get, so no route is open and nothing is installed.
      const emptyBin = fs.mkdtempSync(path.join(os.tmpdir(), 'no-jupyter-'));
      const env = { ...process.env, PATH: emptyBin, COURSE_JUPYTER_VENV: path.join(emptyBin, 'venv') };
      const run = spawnSync(process.execPath, [TSX, START, '--preflight'], { env, encoding: 'utf8', timeout: 60_000 });
      assert.equal(run.status, 1, run.stdout + run.stderr);
      for (const text of [
        'Jupyter was not found',
        'no python3 on PATH',
        'not Debian or Ubuntu with apt-get',
        'pip install -r scripts/jupyter-requirements.txt',
        'apt-get install jupyter-notebook',
        'docker compose up',
      ]) {
        assert.ok(run.stderr.includes(text), `stderr lacks "${text}":\n${run.stderr}`);
      }
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'a stack trace was printed');
    });
  });

  describe('with Jupyter installed', () => {
    before(() => {
      assert.ok(jupyterPython(), 'Jupyter is not installed: run npm start first (it installs Jupyter), then run the tests again');
    });

    it('serves notebooks/ with the TypeScript kernel and prints the address to open', async () => {
      const port = await freePort(18888);
      const child = spawn(process.execPath, [TSX, START, '--port', String(port), '--no-browser'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.resume();
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no address printed within 4 minutes; output:\n${stdout}`)), 4 * 60 * 1000);
          const poll = setInterval(() => {
            const found = /(http:\/\/127\.0\.0\.1:\d+\/\S+\?token=\w+)/.exec(stdout);
            if (found || child.exitCode !== null) {
              clearInterval(poll);
              clearTimeout(timer);
              if (found) resolve(found[1]);
              else reject(new Error(`npm start exited (${child.exitCode}):\n${stdout}`));
            }
          }, 200);
        });
        const { origin, searchParams } = new URL(url);
        assert.equal(origin, `http://127.0.0.1:${port}`);
        const specs = (await (await fetch(`${origin}/api/kernelspecs?token=${searchParams.get('token')}`)).json()) as {
          kernelspecs: Record<string, unknown>;
        };
        assert.ok('tslab-course' in specs.kernelspecs, `kernels offered: ${Object.keys(specs.kernelspecs).join(', ')}`);
        const listing = (await (await fetch(`${origin}/api/contents?token=${searchParams.get('token')}`)).json()) as {
          content: Array<{ name: string }>;
        };
        assert.ok(
          listing.content.some((f) => f.name.startsWith('00-')),
          'lesson 00 is not in the served folder',
        );
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      }
    });
  });
});
