/**
 * One execution of the course per test process, shared by every test that needs it.
 *
 * Running a notebook takes seconds to a minute; `notebooks.test.ts` (does every lesson run?) and
 * `rendered-course.test.ts` (does every lesson render in a browser?) look at the same run rather
 * than executing the whole course twice.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ExecutionResult, executeNotebook, executeNotebookAsync, exportHtmlFiles, inLanes } from './execute';
import type { Notebook } from './notebook-source';

/** Where rendered lessons and screenshots go: inside the git-ignored `.work/` folder. */
export const RENDER_DIR = path.resolve(__dirname, '..', '.work', 'rendered-course');

const runs = new Map<string, ExecutionResult>();
const rendered = new Map<string, string>();

/**
 * Executes `notebookPath` in Jupyter the first time it is asked for; later calls return the
 * same result. Never throws for a failing cell (see {@link executeNotebook}).
 */
export function executeOnce(notebookPath: string): ExecutionResult {
  const key = path.resolve(notebookPath);
  let result = runs.get(key);
  if (!result) {
    result = executeNotebook(key);
    runs.set(key, result);
  }
  return result;
}

/**
 * Executes every notebook of `notebookPaths` not run yet, `lanes` at a time (a lesson's run is
 * mostly one busy kernel process, so two fit a 2-core machine). Later {@link executeOnce} calls
 * return these results.
 */
export async function executeAllOnce(notebookPaths: string[], lanes = 2): Promise<void> {
  const todo = [...new Set(notebookPaths.map((p) => path.resolve(p)))].filter((key) => !runs.has(key));
  await inLanes(
    todo.map((key) => async () => void runs.set(key, await executeNotebookAsync(key))),
    lanes,
  );
}

/**
 * Renders every notebook of `notebookPaths` that executed and is not rendered yet, in one
 * nbconvert run (its start-up costs seconds per call). Later {@link renderOnce} calls return
 * these pages; a notebook that did not execute is left for {@link renderOnce} to report.
 */
export function renderAllOnce(notebookPaths: string[], htmlDir = RENDER_DIR): void {
  const keys = notebookPaths.map((p) => path.resolve(p)).filter((key) => !rendered.has(key) && executeOnce(key).ok);
  if (keys.length === 0) return;
  fs.mkdirSync(htmlDir, { recursive: true });
  const executedPaths = keys.map((key) => {
    const executedPath = path.join(htmlDir, path.basename(key));
    fs.writeFileSync(executedPath, JSON.stringify(executeOnce(key).executed));
    return executedPath;
  });
  try {
    exportHtmlFiles(executedPaths, htmlDir).forEach((html, i) => rendered.set(keys[i] as string, html));
  } finally {
    for (const file of executedPaths) fs.rmSync(file, { force: true });
  }
}

/**
 * The executed notebook rendered as standalone HTML (what a reader sees), from the shared run.
 * @returns the HTML file's path.
 * @throws naming the failing cell when the notebook does not execute.
 */
export function renderOnce(notebookPath: string, htmlDir = RENDER_DIR): string {
  const key = path.resolve(notebookPath);
  const done = rendered.get(key);
  if (done && fs.existsSync(done)) return done;
  rendered.delete(key);
  const result = executeOnce(key);
  if (!result.ok || !result.executed)
    throw new Error(`${path.basename(key)} did not execute, so it cannot be rendered:\n${result.failure}`);
  renderAllOnce([key], htmlDir);
  return rendered.get(key) as string;
}

/** Seconds each notebook took, in the order they ran (for the test report). */
export function executionTimes(): Array<{ notebook: string; seconds: number }> {
  return [...runs].map(([file, r]) => ({ notebook: path.basename(file), seconds: r.seconds }));
}

/** Charts a notebook drew: `show()` from `mlkit/plots` writes one `class="mlkit-plot"` div per chart. */
export function chartOutputs(notebook: Notebook): number {
  let count = 0;
  for (const cell of notebook.cells) {
    for (const output of (cell.outputs ?? []) as Array<{ data?: Record<string, unknown> }>) {
      const html = output.data?.['text/html'];
      const text = Array.isArray(html) ? html.join('') : typeof html === 'string' ? html : '';
      count += (text.match(/class="mlkit-plot"/g) ?? []).length;
    }
  }
  return count;
}
