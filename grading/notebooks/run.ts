/**
 * Runs one learner notebook in the course kernel inside a sandbox slot: staged like a lab's
 * submission (the shared repository folders linked, the notebook private to the slot's uid),
 * executed by `run_graded.py` under nbclient, with the time and memory limits of the labs.
 *
 * The hidden checks are not in the sandbox while the learner's cells run: the runner stops
 * after the last learner cell and says so; only then does the grader copy them in, and the hook
 * cells import them.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { COURSE_KERNEL, jupyterPython } from '../../scripts/jupyter';
import type { Notebook } from '../../notebook-tools/notebook-source';
import { REPO_ROOT } from '../harness/repo-root';
import { sharedEntries } from '../lib/stage';
import { isRoot, killSlot, sandboxedCommand, sandboxUid, type SandboxSpec } from '../sandbox/isolation';
import { rssOfUid } from '../sandbox/memory';
import type { HookOutput } from './score';
import { NOTEBOOK_LIMITS, type NotebookLab } from './notebooks';

/** Most a notebook may print in all (its outputs as Jupyter sends them). */
export const OUTPUT_CAP_BYTES = 8 * 1024 * 1024;
const RUNNER = path.join(__dirname, 'run_graded.py');
/**
 * What a lesson reads: the labs' shared entries, and `grading/` too — lessons import the
 * exercise toolkit, and tslab type-checks every file a lesson reaches (`datasets/` imports
 * `grading/lib/`). `grading/` holds no answers: instructor checks live under `solutions/`.
 */
const LINKED = (): string[] => [...sharedEntries(), 'grading'].sort();

export interface NotebookRun {
  status: 'graded' | 'timeout' | 'crashed';
  detail: string;
  hook: HookOutput;
  /** Learner cells that failed: index and first line of the error. */
  learnerErrors: Array<{ index: number; error: string }>;
  /** Where the run's time went, seconds: for the benchmark's breakdown, not for scoring. */
  timings: RunTimings;
}

export interface RunTimings {
  /** From spawning the runner until it ended. */
  totalS: number;
  /** Starting the kernel, until it answered (part of totalS). */
  kernelStartS?: number;
  /** Each executed code cell (learner and hook), by its index in the run's notebook. */
  cells: Array<{ index: number; seconds: number }>;
}

const noRun = (detail: string): NotebookRun => ({
  status: 'crashed',
  detail,
  hook: { perExercise: [] },
  learnerErrors: [],
  timings: { totalS: 0, cells: [] },
});

function copyReadOnly(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o755 });
  fs.copyFileSync(from, to);
  fs.chmodSync(to, 0o644);
}

/** Stages the sandbox root for `notebook`; returns the spec and the path of the notebook in it. */
export function stageNotebook(notebook: Notebook, workDir: string, slot: number): { spec: SandboxSpec; file: string } {
  const rootDir = fs.mkdtempSync(path.join(workDir, 'nbx-'));
  fs.chmodSync(rootDir, 0o711);
  for (const entry of LINKED()) fs.symlinkSync(path.join(REPO_ROOT, entry), path.join(rootDir, entry));
  const labDir = path.join(rootDir, 'submission');
  const tmpDir = path.join(rootDir, 'tmp');
  fs.mkdirSync(labDir, { mode: 0o700 });
  fs.mkdirSync(tmpDir, { mode: 0o700 });
  const file = path.join(labDir, 'notebook.ipynb');
  fs.writeFileSync(file, JSON.stringify(notebook));
  if (isRoot()) for (const p of [labDir, tmpDir, file]) fs.chownSync(p, sandboxUid(slot), sandboxUid(slot));
  return { spec: { isolation: 'process', rootDir, labDir, tmpDir, slot, memoryMb: NOTEBOOK_LIMITS.memory_mb, name: `nb-${slot}` }, file };
}

/** Copies the hidden checks into the staged root, where the hook cells import them. */
function revealHidden(nb: NotebookLab, spec: SandboxSpec): void {
  copyReadOnly(nb.hiddenChecks, path.join(spec.rootDir, 'solutions', 'notebooks', 'checks', path.basename(nb.hiddenChecks)));
}

export interface RunOptions {
  nb: NotebookLab;
  spec: SandboxSpec;
  file: string;
  firstHook: number;
  /** Copy the hidden checks in for the hook (false for `npm run check`). */
  hidden: boolean;
  timeoutS: number;
}

/** Where a lesson saves models while graded (notebook 04's export): the sandbox's scratch folder, never a labs folder. */
const scratchModels = (o: RunOptions): string => path.join(o.spec.tmpDir, 'models');

function command(o: RunOptions, python: string): string[] {
  const argv = [python, RUNNER, o.file, COURSE_KERNEL, String(NOTEBOOK_LIMITS.cell_s), String(o.firstHook), String(OUTPUT_CAP_BYTES)];
  return sandboxedCommand(o.spec, argv, {
    loopback: true,
    extraEnv: [
      `NODE_OPTIONS=--max-old-space-size=${o.spec.memoryMb}`,
      'PYTHONDONTWRITEBYTECODE=1',
      `COURSE_MODELS_DIR=${scratchModels(o)}`,
    ],
  });
}

/** Executes the notebook; never throws for anything the notebook does. */
export function runNotebook(o: RunOptions): Promise<NotebookRun> {
  const python = jupyterPython();
  if (!python) return Promise.resolve(noRun('Jupyter is not installed on the grading machine'));
  const [cmd, ...args] = command(o, python);
  const started = process.hrtime.bigint();
  const nonce = randomBytes(16).toString('hex');
  const child = spawn(cmd!, args, {
    cwd: o.spec.labDir,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: !isRoot(),
    env: isRoot() ? {} : { ...process.env, NODE_OPTIONS: `--max-old-space-size=${o.spec.memoryMb}`, COURSE_MODELS_DIR: scratchModels(o) },
  });
  const run = noRun('the notebook runner stopped without a result');
  let ended = false;
  const stop = (status: NotebookRun['status'], detail: string): void => {
    if (ended) return;
    Object.assign(run, { status, detail });
    ended = true;
    kill(o.spec, child.pid);
  };
  child.stdin.on('error', () => undefined);
  child.stdin.write(`${nonce}\n`);
  child.stderr.resume();
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith(`${nonce} `)) return;
    const event = JSON.parse(line.slice(nonce.length + 1)) as Record<string, unknown>;
    onEvent(o, run, event, child.stdin, () => (ended = true));
  });
  const watchdog = setInterval(() => {
    const mb = isRoot() ? rssOfUid(sandboxUid(o.spec.slot)) : 0;
    if (mb > o.spec.memoryMb + 256) stop('crashed', `the notebook used ${Math.round(mb)} MiB, over its ${o.spec.memoryMb} MiB limit`);
  }, 500);
  const timer = setTimeout(() => stop('timeout', `stopped after ${o.timeoutS} s (the notebook's time limit)`), o.timeoutS * 1000);
  return new Promise((resolve) => {
    child.on('close', () => {
      clearInterval(watchdog);
      clearTimeout(timer);
      kill(o.spec, child.pid);
      run.timings.totalS = Number(process.hrtime.bigint() - started) / 1e9;
      resolve(run);
    });
  });
}

function onEvent(o: RunOptions, run: NotebookRun, e: Record<string, unknown>, stdin: NodeJS.WritableStream, end: () => void): void {
  if (e['event'] === 'hook-ready') {
    if (o.hidden) revealHidden(o.nb, o.spec);
    stdin.write('go\n');
  } else if (e['event'] === 'cell') {
    const i = Number(e['index']) - o.firstHook;
    if (i === 0) run.hook.setup = String(e['text']);
    else run.hook.perExercise[i - 1] = String(e['text']);
  } else if (e['event'] === 'timing') {
    if (e['what'] === 'kernel-start') run.timings.kernelStartS = Number(e['seconds']);
    else run.timings.cells.push({ index: Number(e['index']), seconds: Number(e['seconds']) });
  } else if (e['event'] === 'learner-error') {
    run.learnerErrors.push({ index: Number(e['index']), error: String(e['error']) });
  } else if (e['event'] === 'end') {
    const cell = e['cell'] === null || e['cell'] === undefined ? '' : ` (cell ${String(e['cell'])})`;
    Object.assign(run, {
      status: e['status'] as NotebookRun['status'],
      detail: e['status'] === 'graded' ? '' : `${String(e['detail'])}${cell}`,
    });
    end();
  }
}

/** Kills the run and everything it started (the slot's uid as root, else its process group). */
function kill(spec: SandboxSpec, pid: number | undefined): void {
  if (isRoot()) killSlot(spec.slot);
  try {
    if (pid) process.kill(isRoot() ? pid : -pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
