import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jupyterPython, kernelSpecFiles, projectJupyterPython, projectVenv } from './jupyter';
import { REPO_ROOT } from '../grading/harness/repo-root';

describe('finding Jupyter', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jupyter-find-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A folder that looks like a virtual environment with (or without) Jupyter in it. */
  const fakeVenv = (withJupyter: boolean): string => {
    const bin = path.join(dir, 'venv', 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'python'), '');
    if (withJupyter) fs.writeFileSync(path.join(bin, 'jupyter'), '#!/bin/sh\n');
    return path.dirname(bin);
  };

  it('the project environment lives in .work/jupyter-venv unless COURSE_JUPYTER_VENV moves it', () => {
    assert.equal(projectVenv({}), path.join(REPO_ROOT, '.work', 'jupyter-venv'));
    assert.equal(projectVenv({ COURSE_JUPYTER_VENV: '/opt/course-jupyter' }), '/opt/course-jupyter');
  });

  it("prefers the project environment's Python once Jupyter is installed in it", () => {
    const venv = fakeVenv(true);
    assert.equal(projectJupyterPython(venv), path.join(venv, 'bin', 'python'));
    assert.equal(jupyterPython('', venv), path.join(venv, 'bin', 'python'));
  });

  it('ignores a project environment without Jupyter (a half-made one) and looks on PATH', () => {
    const venv = fakeVenv(false);
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'jupyter'), '#!/usr/bin/python3.11\n', { mode: 0o755 });
    assert.equal(projectJupyterPython(venv), null);
    assert.equal(jupyterPython(bin, venv), '/usr/bin/python3.11');
  });

  it('finds no Jupyter with an empty PATH and no project environment', () => {
    assert.equal(jupyterPython('', path.join(dir, 'none')), null);
  });
});

describe('kernelSpecFiles', () => {
  it('starts the kernel with this Node.js by absolute path, so front ends without a shell PATH can start it', () => {
    const spec = JSON.parse(kernelSpecFiles('/opt/node/bin/node')['kernel.json']) as { argv: string[]; display_name: string };
    assert.deepEqual(spec.argv, ['/opt/node/bin/node', '{resource_dir}/launch.js', 'kernel', '--config-path', '{connection_file}']);
    assert.equal(spec.display_name, 'TypeScript (course)');
  });

  it('ships the launcher that moves the kernel to the course root', () => {
    assert.match(kernelSpecFiles()['launch.js'], /process\.chdir\(root\)/);
  });
});
