import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildFailure, LAB_ID, stageContext } from '../grader/image';

describe('lab-03 Docker checks: build context and build errors', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-lab03-context-'));
    stageContext(dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("stages what the brief's build reads: packages, toolkit, template, the reference service, the model", () => {
    for (const rel of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      '.dockerignore',
      'mlkit',
      'server-template',
      'solutions/service/main.ts',
      'solutions/lab-01-ship-the-model/src/registry.ts',
      'models',
      'deploy/tsconfig.build.json',
    ]) {
      assert.ok(fs.existsSync(path.join(dir, rel)), rel);
    }
  });
  it("leaves out this lab's answer, every lab's checks and fixtures, and installed packages", () => {
    assert.equal(fs.existsSync(path.join(dir, 'solutions', LAB_ID)), false);
    for (const lab of fs.readdirSync(path.join(dir, 'solutions'))) {
      for (const hidden of ['submissions', 'instructor', 'grader', 'node_modules'])
        assert.equal(fs.existsSync(path.join(dir, 'solutions', lab, hidden)), false, `${lab}/${hidden}`);
    }
    for (const top of ['node_modules', '.git', 'labs', 'grading', 'datasets', 'notebooks'])
      assert.equal(fs.existsSync(path.join(dir, top)), false, top);
  });

  it('reports the step Docker names, never the output a step printed', () => {
    const legacy =
      "Sending build context\nStep 5/9 : RUN npm ci\nsecret line printed by RUN\nThe command '/bin/sh -c npm ci' returned a non-zero code: 1\n";
    assert.equal(buildFailure(legacy), "The command '/bin/sh -c npm ci' returned a non-zero code: 1");
    assert.match(
      buildFailure('COPY failed: file not found in build context or excluded by .dockerignore: stat .env: file does not exist\n'),
      /^COPY failed: .*\.env/,
    );
    assert.match(buildFailure('some output\nmore output\n'), /^docker build failed/);
    assert.match(buildFailure('Get "https://registry.example/v2/": dial tcp: no such host\n'), /FROM image could not be pulled/);
  });
});
