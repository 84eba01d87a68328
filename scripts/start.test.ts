import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { which } from './jupyter';
import { checkNode, freePort, PreflightError } from './start';

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
      assert.throws(() => checkNode('18.19.0'), (e: unknown) => e instanceof PreflightError && /Node 18\.19\.0 is too old.*Node 20/.test(e.message));
    });
  });

  describe('without Jupyter on PATH', () => {
    it('exits non-zero with the three ways to install it, and no stack trace', () => {
      const emptyBin = fs.mkdtempSync(path.join(os.tmpdir(), 'no-jupyter-'));
      const run = spawnSync(process.execPath, [TSX, START, '--preflight'], { env: { ...process.env, PATH: emptyBin }, encoding: 'utf8' });
      assert.equal(run.status, 1);
      for (const fix of ['pip install jupyterlab', 'apt-get install jupyter-notebook', 'docker compose up']) assert.match(run.stderr, new RegExp(fix));
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'a stack trace was printed');
    });
  });

  describe('with Jupyter installed', () => {
    before(function () {
      assert.ok(which('jupyter'), 'Jupyter is not installed: apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient');
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
        const specs = (await (await fetch(`${origin}/api/kernelspecs?token=${searchParams.get('token')}`)).json()) as { kernelspecs: Record<string, unknown> };
        assert.ok('tslab-course' in specs.kernelspecs, `kernels offered: ${Object.keys(specs.kernelspecs).join(', ')}`);
        const listing = (await (await fetch(`${origin}/api/contents?token=${searchParams.get('token')}`)).json()) as { content: Array<{ name: string }> };
        assert.ok(listing.content.some((f) => f.name.startsWith('00-')), 'lesson 00 is not in the served folder');
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      }
    });
  });
});
