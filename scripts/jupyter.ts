/**
 * Finding Jupyter and the TypeScript kernel, shared by `npm start` and the notebook tests.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The repository root. scripts/ keeps its own (rather than grading/harness/repo-root): the
 * notebooks image registers the kernel with only scripts/ copied in, so `npm start`'s modules may
 * import nothing outside this folder.
 */
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
 * The project's own Python environment for Jupyter, which `npm start` creates when Jupyter is
 * missing and Python's package index answers. `COURSE_JUPYTER_VENV` moves it (e.g. to share one
 * environment between several copies of the course).
 */
export function projectVenv(env = process.env): string {
  return path.resolve(REPO_ROOT, env.COURSE_JUPYTER_VENV || path.join('.work', 'jupyter-venv'));
}

/** The project environment's Python when Jupyter is installed in it, else null. */
export function projectJupyterPython(venv = projectVenv()): string | null {
  const bin = path.join(venv, process.platform === 'win32' ? 'Scripts' : 'bin');
  const jupyter = ['jupyter', 'jupyter.exe'].some((name) => fs.existsSync(path.join(bin, name)));
  const python = ['python', 'python.exe'].map((name) => path.join(bin, name)).find((file) => fs.existsSync(file));
  return jupyter && python ? python : null;
}

/**
 * The Python that runs Jupyter: the project environment's when it has Jupyter, else the
 * interpreter on the first line of the `jupyter` script on PATH. The kernel must be registered
 * with that one, or Jupyter will not list it.
 */
export function jupyterPython(envPath = process.env.PATH ?? '', venv = projectVenv()): string | null {
  const local = projectJupyterPython(venv);
  if (local) return local;
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
 * The folder holding the registered course kernel, or null when it is missing or differs from
 * what registering would install now (an older launcher, another Node.js): then it must be
 * registered again.
 */
export function findCourseKernel(python: string): string | null {
  const wanted = kernelSpecFiles();
  for (const dir of jupyterDataDirs(python)) {
    const spec = path.join(dir, 'kernels', COURSE_KERNEL);
    const same = Object.entries(wanted).every(([name, text]) => {
      const file = path.join(spec, name);
      return fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text;
    });
    if (same) return spec;
  }
  return null;
}

/**
 * The kernelspec to install: the launcher, and kernel.json with this Node.js by absolute path.
 * Front ends started outside a shell (VS Code from a desktop launcher, a Jupyter service) often
 * lack the PATH where a version manager put `node`, and "node" alone would not start there.
 */
export function kernelSpecFiles(node = process.execPath): Record<string, string> {
  const spec = JSON.parse(fs.readFileSync(path.join(KERNEL_SOURCE, 'kernel.json'), 'utf8')) as { argv: string[] };
  spec.argv[0] = node;
  return {
    'kernel.json': `${JSON.stringify(spec, null, 2)}\n`,
    'launch.js': fs.readFileSync(path.join(KERNEL_SOURCE, 'launch.js'), 'utf8'),
  };
}

/**
 * Registers the course kernel with `python`'s Jupyter: system-wide as root, per user otherwise.
 * Also from the project's environment: those folders are on every Jupyter's path, and on the
 * path of editors that list kernels themselves (VS Code), which an environment's own is not.
 */
export function registerCourseKernel(python: string): { ok: boolean; output: string } {
  const install = [
    'import os, sys',
    'from jupyter_client.kernelspec import KernelSpecManager',
    'print(KernelSpecManager().install_kernel_spec(sys.argv[1], sys.argv[2], user=os.geteuid() != 0, replace=True))',
  ].join('\n');
  const source = fs.mkdtempSync(path.join(os.tmpdir(), `${COURSE_KERNEL}-`));
  try {
    fs.chmodSync(source, 0o755); // Jupyter copies the folder's mode: a system-wide kernel must be readable by all
    for (const [name, text] of Object.entries(kernelSpecFiles())) fs.writeFileSync(path.join(source, name), text);
    const run = spawnSync(python, ['-c', install, source, COURSE_KERNEL], { encoding: 'utf8' });
    return { ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}`.trim() };
  } finally {
    fs.rmSync(source, { recursive: true, force: true });
  }
}

/**
 * Which Jupyter front end is installed: Lab preferred, classic Notebook otherwise. Looks the
 * packages up rather than running `jupyter lab --version`, which imports the whole app (seconds).
 */
export function jupyterFrontEnd(python: string): 'lab' | 'notebook' | null {
  const probe = 'import importlib.util as u; print(" ".join(m for m in ("jupyterlab", "notebook") if u.find_spec(m)))';
  const run = spawnSync(python, ['-c', probe], { encoding: 'utf8', timeout: 30_000 });
  const found = run.status === 0 ? run.stdout.trim().split(' ') : [];
  if (found.includes('jupyterlab')) return 'lab';
  return found.includes('notebook') ? 'notebook' : null;
}
