/**
 * `npm start`: checks what the course needs, fixes what it can (installs Jupyter when it is
 * missing, see jupyter-install.ts; registers the kernel; builds the datasets), then serves
 * `notebooks/` in Jupyter and prints the address to open.
 *
 * Options: --port N (default 8888, or the next free one), --ip ADDRESS (default 127.0.0.1; the
 * notebooks container listens on 0.0.0.0), --no-browser, --yes (install system packages without
 * asking; also when CI=true), --preflight (check and fix, then exit without starting Jupyter).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { findCourseKernel, jupyterFrontEnd, jupyterPython, pathWithLocalBin, REPO_ROOT, registerCourseKernel } from './jupyter';
import { installJupyter, noJupyterMessage, planRoutes, type Actions, type ConsentPolicy, type Machine } from './jupyter-install';
import { realActions, realMachine } from './machine';

const MIN_NODE_MAJOR = 20;

export class PreflightError extends Error {}

function step(message: string): void {
  console.log(`• ${message}`);
}

export function checkNode(version = process.versions.node): void {
  const major = Number(version.split('.')[0]);
  if (!(major >= MIN_NODE_MAJOR))
    throw new PreflightError(`Node ${version} is too old: the course needs Node ${MIN_NODE_MAJOR} or newer (https://nodejs.org).`);
  step(`Node ${version}`);
}

/**
 * `npm ci` must have finished: the kernel is the project's tslab, and better-sqlite3 is compiled
 * from source where no prebuilt binary downloads, which needs python3, make and a C++ compiler.
 */
export function checkInstall(root = REPO_ROOT): void {
  const tslab = path.join(root, 'node_modules', 'tslab', 'dist', 'main.js');
  let sqlite = true;
  try {
    // The native addon loads on first use, so open a database to know it was compiled.
    const Database = require(require.resolve('better-sqlite3', { paths: [root] })) as new (file: string) => { close(): void };
    new Database(':memory:').close();
  } catch {
    sqlite = false;
  }
  if (!fs.existsSync(tslab) || !sqlite) {
    throw new PreflightError(`the npm packages are not installed completely: run npm ci first. Where better-sqlite3 has no prebuilt binary it compiles from source,
which needs python3, make and a C++ compiler (Debian/Ubuntu: sudo apt-get install python3 make g++; macOS: xcode-select --install).`);
  }
  step('npm packages installed');
}

/** How `npm start` was asked to behave about system changes. */
export function consentPolicy(argv = process.argv, env = process.env, terminal = Boolean(process.stdin.isTTY)): ConsentPolicy {
  return { yes: argv.includes('--yes') || argv.includes('-y'), ci: env.CI === 'true', terminal };
}

/** Installs Jupyter when none is found; a second start finds it and installs nothing. */
export async function ensureJupyter(
  machine: Machine = realMachine,
  actions: Actions = realActions,
  policy = consentPolicy(),
): Promise<void> {
  if (jupyterPython()) return;
  step('Jupyter is not installed; looking for a way to install it…');
  const plan = await planRoutes(machine);
  const route = await installJupyter(plan, policy, actions);
  if (!route || !jupyterPython()) throw new PreflightError(noJupyterMessage(plan.reasons));
}

/** Finds Jupyter's Python and makes sure the TypeScript kernel is registered with it. */
export function checkJupyter(): { python: string; app: 'lab' | 'notebook' } {
  const python = jupyterPython();
  if (!python) throw new PreflightError(noJupyterMessage([]));
  const app = jupyterFrontEnd(python);
  if (!app)
    throw new PreflightError(`jupyter is on PATH but neither JupyterLab nor the classic Notebook is installed.\n${noJupyterMessage([])}`);
  step(`Jupyter ${app === 'lab' ? 'Lab' : 'Notebook'} (Python: ${python})`);
  let kernel = findCourseKernel(python);
  if (!kernel) {
    step('registering the TypeScript kernel (tslab) with Jupyter…');
    const registered = registerCourseKernel(python);
    kernel = findCourseKernel(python);
    if (!registered.ok || !kernel)
      throw new PreflightError(`could not register the TypeScript kernel:\n${registered.output}\nTry: npm run kernel`);
  }
  step(`TypeScript kernel registered (${kernel})`);
  return { python, app };
}

/** Builds the datasets when they are missing; the build prints its own progress. */
export function checkDatasets(): void {
  const manifest = path.join(REPO_ROOT, 'datasets', 'build', 'manifest.json');
  if (fs.existsSync(manifest)) {
    step('datasets built');
    return;
  }
  step('building the datasets (first start only, under a minute)…');
  const build = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(REPO_ROOT, 'datasets', 'make.ts')], {
    stdio: 'inherit',
    cwd: REPO_ROOT,
  });
  if (build.status !== 0 || !fs.existsSync(manifest))
    throw new PreflightError('building the datasets failed (see above); try npm run datasets');
}

export function freePort(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => {
      const fallback = net.createServer();
      fallback.listen(0, '127.0.0.1', () => {
        const port = (fallback.address() as net.AddressInfo).port;
        fallback.close(() => resolve(port));
      });
    });
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(preferred)));
  });
}

async function waitUntilServing(url: string, child: ReturnType<typeof spawn>, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 4 && child.exitCode === null; i++) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function launch(python: string, app: 'lab' | 'notebook'): Promise<void> {
  const port = await freePort(Number(option('--port') ?? 8888));
  const token = randomBytes(24).toString('hex');
  const settings = app === 'lab' ? 'ServerApp' : 'NotebookApp';
  const noBrowser =
    process.argv.includes('--no-browser') || process.env.CI === 'true' || (!process.env.DISPLAY && process.platform === 'linux');
  const args = [
    '-m',
    'jupyter',
    app,
    `--notebook-dir=${path.join(REPO_ROOT, 'notebooks')}`,
    `--ip=${option('--ip') ?? '127.0.0.1'}`,
    `--port=${port}`,
    `--${settings}.token=${token}`,
    ...(noBrowser ? ['--no-browser'] : []),
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
  ];
  const child = spawn(python, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PATH: pathWithLocalBin() } });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  // Before waiting: a Ctrl+C while Jupyter starts must end this process too, not leave it waiting.
  child.on('exit', (code) => process.exit(code ?? 0));
  const base = `http://127.0.0.1:${port}`;
  const address = `${base}/${app === 'lab' ? 'lab' : 'tree'}?token=${token}`;
  if (await waitUntilServing(`${base}/api/kernelspecs?token=${token}`, child, 60)) {
    console.log(
      `\nThe course is ready in ${app === 'lab' ? 'JupyterLab' : 'Jupyter Notebook'}. Open:\n\n    ${address}\n\nStart with 00-what-is-a-model.ipynb. Press Ctrl+C to stop.\n`,
    );
  } else if (child.exitCode === null) {
    // Jupyter prints the address with its token masked, so say it here even when it is slow.
    console.log(`\nJupyter has not answered within 60 s (a busy machine?); it should soon be at:\n\n    ${address}\n`);
  }
}

async function main(): Promise<void> {
  try {
    checkNode();
    checkInstall();
    await ensureJupyter();
    const { python, app } = checkJupyter();
    checkDatasets();
    if (process.argv.includes('--preflight')) return;
    await launch(python, app);
  } catch (error) {
    if (!(error instanceof PreflightError)) throw error;
    console.error(`\n✗ ${error.message}`);
    process.exit(1);
  }
}

if (require.main === module) {
  if (process.argv.includes('--register-kernel')) {
    // `npm run kernel`: registration alone, for CI images and for Jupyter started by hand.
    try {
      checkJupyter();
    } catch (error) {
      console.error(`\n✗ ${(error as Error).message}`);
      process.exit(1);
    }
  } else void main();
}
