/**
 * Executes a notebook in real Jupyter (nbconvert + the tslab kernel), as a learner's
 * "Run all" would, and reports the first failing cell in words a reader can act on.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { COURSE_KERNEL, jupyterPython, pathWithLocalBin } from '../scripts/jupyter';
import type { Notebook } from './notebook-source';

export interface ExecutionResult {
  ok: boolean;
  seconds: number;
  /** The executed notebook (outputs filled), when nbconvert wrote one. */
  executed?: Notebook;
  /** What failed: the cell's source and the error it printed. Empty when ok. */
  failure: string;
  /** Index of the cell that failed, when the kernel said which. */
  failedCell?: number;
}

export interface ExecuteOptions {
  /** Per-cell timeout in seconds. */
  cellTimeoutSeconds?: number;
  /** Also write an HTML rendering of the executed notebook into this folder. */
  htmlDir?: string;
  /** Run every cell even after one fails, as a grader does (then `ok` is true). */
  allowErrors?: boolean;
}

function outputText(out: Record<string, unknown>): string {
  if (out.output_type === 'stream') return [out.text].flat().join('');
  if (out.output_type === 'error') {
    const trace = Array.isArray(out.traceback) ? out.traceback.join('\n') : '';
    return `${String(out.ename)}: ${String(out.evalue)}\n${trace}`;
  }
  return '';
}

/** The failing cell's source and everything it printed, for the test's failure message. */
function describeFailure(notebook: Notebook, index: number): string {
  const cell = notebook.cells[index];
  if (!cell) return 'a cell failed, but the kernel did not say which';
  const printed = ((cell.outputs ?? []) as Array<Record<string, unknown>>).map(outputText).join('').trim();
  return `cell ${index}:\n${cell.source.join('')}\n--- it printed ---\n${printed || '(nothing)'}`;
}

/** One run's scratch folder, command line and environment. */
interface Run {
  outDir: string;
  executedPath: string;
  python: string;
  args: string[];
  options: { cwd: string; env: NodeJS.ProcessEnv };
}

function prepareRun(notebookPath: string, options: ExecuteOptions): Run | null {
  const python = jupyterPython();
  if (!python) return null;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nb-exec-'));
  const executedPath = path.join(outDir, path.basename(notebookPath));
  return {
    outDir,
    executedPath,
    python,
    args: [
      path.join(__dirname, 'run_notebook.py'),
      notebookPath,
      executedPath,
      COURSE_KERNEL,
      String(options.cellTimeoutSeconds ?? 300),
      ...(options.allowErrors ? ['allow-errors'] : []),
    ],
    // COURSE_MODELS_DIR: a lesson that exports a model (notebook 04) writes it into this run's
    // scratch folder, removed below, instead of the learner's labs folder.
    options: {
      cwd: path.dirname(notebookPath),
      env: { ...process.env, PATH: pathWithLocalBin(), COURSE_MODELS_DIR: path.join(outDir, 'models') },
    },
  };
}

/** What a finished run left behind, as an {@link ExecutionResult}; removes its scratch folder. */
function finishRun(
  run: Run,
  exit: { error?: Error; status: number | null; stderr: string },
  seconds: number,
  options: ExecuteOptions,
): ExecutionResult {
  const { executedPath } = run;
  try {
    if (exit.error) return { ok: false, seconds, failure: `could not start Jupyter's Python: ${exit.error.message}` };
    if (!fs.existsSync(executedPath)) return { ok: false, seconds, failure: exit.stderr.trim() || `exit status ${exit.status}` };
    const executed = JSON.parse(fs.readFileSync(executedPath, 'utf8')) as Notebook;
    if (exit.status !== 0) {
      const index = Number(fs.existsSync(executedPath + '.failed') ? fs.readFileSync(executedPath + '.failed', 'utf8') : -1);
      return { ok: false, seconds, executed, failure: describeFailure(executed, index), failedCell: index >= 0 ? index : undefined };
    }
    if (options.htmlDir) exportHtml(executedPath, options.htmlDir);
    return { ok: true, seconds, executed, failure: '' };
  } finally {
    fs.rmSync(run.outDir, { recursive: true, force: true });
  }
}

const NO_JUPYTER: ExecutionResult = { ok: false, seconds: 0, failure: 'jupyter is not on PATH' };

/** Runs every cell of `notebookPath` top to bottom; never throws for a failing cell. */
export function executeNotebook(notebookPath: string, options: ExecuteOptions = {}): ExecutionResult {
  const started = process.hrtime.bigint();
  const run = prepareRun(notebookPath, options);
  if (!run) return NO_JUPYTER;
  const exit = spawnSync(run.python, run.args, { ...run.options, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return finishRun(run, exit, Number(process.hrtime.bigint() - started) / 1e9, options);
}

/** {@link executeNotebook} without blocking the event loop, so that several can run at once. */
export async function executeNotebookAsync(notebookPath: string, options: ExecuteOptions = {}): Promise<ExecutionResult> {
  const started = process.hrtime.bigint();
  const run = prepareRun(notebookPath, options);
  if (!run) return NO_JUPYTER;
  const exit = await new Promise<{ error?: Error; status: number | null; stderr: string }>((resolve) => {
    const child = spawn(run.python, run.args, { ...run.options, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    // Only the end matters (the error); a chatty kernel must not grow memory without bound.
    child.stderr.on('data', (chunk: string) => void (stderr = (stderr + chunk).slice(-64 * 1024)));
    child.on('error', (error) => resolve({ error, status: null, stderr }));
    child.on('close', (status) => resolve({ status, stderr }));
  });
  return finishRun(run, exit, Number(process.hrtime.bigint() - started) / 1e9, options);
}

/**
 * Runs `tasks` with at most `lanes` in flight, each lane taking the next task as it frees up;
 * the results come back in the order of `tasks`. Callers put the longest tasks first, so the
 * batch ends soonest.
 */
export async function inLanes<T>(tasks: Array<() => Promise<T>>, lanes: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, tasks.length)) }, lane));
  return results;
}

/** Renders an executed notebook to standalone HTML (what a reader of the course sees). */
export function exportHtml(executedPath: string, htmlDir: string): string {
  return exportHtmlFiles([executedPath], htmlDir)[0] as string;
}

/**
 * {@link exportHtml} for several notebooks in one nbconvert run, which saves its start-up
 * (seconds) per notebook. @returns the HTML files' paths, in the order given.
 */
export function exportHtmlFiles(executedPaths: string[], htmlDir: string): string[] {
  fs.mkdirSync(htmlDir, { recursive: true });
  // Jupyter's own Python rather than `jupyter` by name: `npm start` may have installed Jupyter
  // in the project's environment, which is not on PATH.
  const python = jupyterPython();
  if (!python) throw new Error('Jupyter was not found: run npm start first, which installs it');
  const run = spawnSync(python, ['-m', 'nbconvert', '--to', 'html', ...executedPaths, '--output-dir', htmlDir], { encoding: 'utf8' });
  if (run.error) throw new Error(`could not start Jupyter's Python (${python}): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`nbconvert --to html failed for ${executedPaths.join(', ')}:\n${run.stderr}`);
  return executedPaths.map((file) => path.join(htmlDir, path.basename(file).replace(/\.ipynb$/, '.html')));
}

/** True when Jupyter's Python can import nbclient, which runs the notebooks. */
export function jupyterAvailable(): boolean {
  const python = jupyterPython();
  if (!python) return false;
  const probe = spawnSync(python, ['-c', 'import nbclient, nbformat'], { encoding: 'utf8' });
  return !probe.error && probe.status === 0;
}
