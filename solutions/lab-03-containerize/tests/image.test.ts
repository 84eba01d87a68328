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

  it("puts the learner's own lab files where the service imports them, and their .dockerignore at the root", () => {
    const mine = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-lab03-learner-'));
    try {
      const labs = path.join(mine, 'labs');
      fs.mkdirSync(path.join(labs, 'lab-02-harden-the-api', 'src'), { recursive: true });
      fs.writeFileSync(path.join(labs, 'lab-02-harden-the-api', 'src', 'validate.ts'), '// mine\n');
      fs.mkdirSync(path.join(labs, LAB_ID));
      fs.writeFileSync(path.join(labs, LAB_ID, 'Dockerfile'), 'FROM x\n');
      const context = path.join(mine, 'context');
      fs.mkdirSync(context);
      stageContext(context, { labsDir: labs, dockerignore: 'models\n' });
      assert.equal(fs.readFileSync(path.join(context, 'solutions', 'lab-02-harden-the-api', 'src', 'validate.ts'), 'utf8'), '// mine\n');
      assert.ok(
        fs.existsSync(path.join(context, 'solutions', 'lab-02-harden-the-api', 'src', 'app.ts')),
        'the files they did not change stay the reference',
      );
      assert.equal(fs.existsSync(path.join(context, 'solutions', LAB_ID)), false);
      assert.equal(fs.readFileSync(path.join(context, '.dockerignore'), 'utf8'), 'models\n');
    } finally {
      fs.rmSync(mine, { recursive: true, force: true });
    }
  });

  it('has no .dockerignore when the learner has none (the repository’s is not theirs)', () => {
    assert.equal(fs.existsSync(path.join(dir, '.dockerignore')), false);
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
