/**
 * Finding Jupyter and the TypeScript kernel, shared by `npm start` and the notebook tests.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');
const LOCAL_BIN = path.join(REPO_ROOT, 'node_modules', '.bin');

/** PATH with the project's `node_modules/.bin` first: the kernelspec starts `tslab` by name. */
export function pathWithLocalBin(current = process.env.PATH ?? ''): string {
  return current.split(path.delimiter).includes(LOCAL_BIN) ? current : [LOCAL_BIN, current].join(path.delimiter);
}

/** Absolute path of `command` on PATH, or null. */
export function which(command: string, envPath = process.env.PATH ?? ''): string | null {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this folder; keep looking
    }
  }
  return null;
}

/**
 * The Python that runs Jupyter: the interpreter on the `jupyter` script's first line. The kernel
 * must be registered with that one, or Jupyter will not list it.
 */
export function jupyterPython(envPath = process.env.PATH ?? ''): string | null {
  const script = which('jupyter', envPath);
  if (!script) return null;
  const firstLine = fs.readFileSync(script, 'utf8').split('\n', 1)[0];
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(firstLine);
  if (!shebang) return which('python3', envPath);
  return shebang[1].endsWith('/env') && shebang[2] ? which(shebang[2], envPath) : shebang[1];
}

/** Jupyter's data folders, where kernelspecs live, as the given Python's Jupyter reports them. */
export function jupyterDataDirs(python: string): string[] {
  const run = spawnSync(python, ['-m', 'jupyter', '--paths', '--json'], { encoding: 'utf8' });
  if (run.status !== 0) return [];
  try {
    return (JSON.parse(run.stdout) as { data: string[] }).data;
  } catch {
    return [];
  }
}

/** The notebooks' kernel: tslab, started from the course root (see scripts/kernel/launch.js). */
export const COURSE_KERNEL = 'tslab-course';
const KERNEL_SOURCE = path.join(__dirname, 'kernel');

/**
 * The folder holding the registered course kernel, or null when it is missing or was registered
 * from an older copy of the launcher (then it must be registered again).
 */
export function findCourseKernel(python: string): string | null {
  const launcher = fs.readFileSync(path.join(KERNEL_SOURCE, 'launch.js'), 'utf8');
  for (const dir of jupyterDataDirs(python)) {
    const spec = path.join(dir, 'kernels', COURSE_KERNEL);
    const registered = path.join(spec, 'launch.js');
    if (fs.existsSync(registered) && fs.readFileSync(registered, 'utf8') === launcher) return spec;
  }
  return null;
}

/** Registers the course kernel with `python`'s Jupyter: system-wide as root, per user otherwise. */
export function registerCourseKernel(python: string): { ok: boolean; output: string } {
  const install = [
    'import os, sys',
    'from jupyter_client.kernelspec import KernelSpecManager',
    'print(KernelSpecManager().install_kernel_spec(sys.argv[1], sys.argv[2], user=os.geteuid() != 0, replace=True))',
  ].join('\n');
  const run = spawnSync(python, ['-c', install, KERNEL_SOURCE, COURSE_KERNEL], { encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}`.trim() };
}

/** Which Jupyter front end is installed: Lab preferred, classic Notebook otherwise. */
export function jupyterFrontEnd(python: string): 'lab' | 'notebook' | null {
  for (const app of ['lab', 'notebook'] as const) {
    const run = spawnSync(python, ['-m', 'jupyter', app, '--version'], { encoding: 'utf8' });
    if (run.status === 0) return app;
  }
  return null;
}
