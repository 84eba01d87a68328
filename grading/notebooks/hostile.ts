/**
 * Hostile notebook submissions for the meta-tests, built from a lesson's solution notebook cut
 * after its last exercise (so each costs the lesson's opening cells, not the whole lesson), each
 * with the status and score the grader must give it. A graded run stops at the last exercise's
 * checker cell, so every hostile cell that must run sits before it; one fixture puts a cell that
 * kills the kernel after it, which must not run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Notebook, NotebookCell } from '../../notebook-tools/notebook-source';
import type { RunStatus } from '../harness/results';
import type { NotebookLab } from './notebooks';

export interface HostileNotebook {
  name: string;
  /** The file's text (not always a notebook). */
  text: (nb: NotebookLab) => string;
  status: RunStatus;
  /** The score it must get. */
  score: (nb: NotebookLab) => number;
  /** Matched against the results' output (the reason). */
  reason: RegExp;
}

const code = (source: string): NotebookCell => ({
  cell_type: 'code',
  id: 'x',
  metadata: {},
  source: [source],
  execution_count: null,
  outputs: [],
});

/** The solution (or learner) notebook up to its last exercise's checker cell. */
export function shortSolution(nb: NotebookLab, file = nb.solutionFile): Notebook {
  const full = JSON.parse(fs.readFileSync(file, 'utf8')) as Notebook;
  const last = Math.max(...full.cells.map((c, i) => (c.metadata?.['exercise'] ? i : -1)));
  return { ...full, cells: full.cells.slice(0, last + 1) };
}

type Where = 'after-setup' | 'before-last-checker';

/**
 * The short solution with `cell` inserted after the setup cell (the first code cell), or just
 * before the last exercise's checker cell (the short notebook's last cell).
 */
function withCell(nb: NotebookLab, source: string, at: Where = 'after-setup', file = nb.solutionFile): string {
  const n = shortSolution(nb, file);
  const setup = n.cells.findIndex((c) => c.cell_type === 'code');
  const i = at === 'before-last-checker' ? n.cells.length - 1 : setup + 1;
  return JSON.stringify({ ...n, cells: [...n.cells.slice(0, i), code(source), ...n.cells.slice(i)] });
}

/** The whole solution, with `source` as a cell after its last cell (past the last checker). */
function withCellAtEnd(nb: NotebookLab, source: string): string {
  const n = JSON.parse(fs.readFileSync(nb.solutionFile, 'utf8')) as Notebook;
  return JSON.stringify({ ...n, cells: [...n.cells, code(source)] });
}

function withoutExercise(nb: NotebookLab, id: string): string {
  const n = shortSolution(nb);
  return JSON.stringify({ ...n, cells: n.cells.filter((c) => (c.metadata?.['exercise'] as { id?: string } | undefined)?.id !== id) });
}

function checkersEdited(nb: NotebookLab): string {
  const n = shortSolution(nb);
  const cells = n.cells.map((c) =>
    (c.metadata?.['exercise'] as { role?: string } | undefined)?.role === 'checker'
      ? { ...c, source: ["console.log('✓ all checks pass');"] }
      : c,
  );
  return JSON.stringify({ ...n, cells });
}

const full = (nb: NotebookLab): number => nb.config.max_score;
const lastId = (nb: NotebookLab): string => nb.exercises[nb.exercises.length - 1]!.id;
const FAKE_REPORT = (nb: NotebookLab): string =>
  `console.log('exercise-report: ' + JSON.stringify(${JSON.stringify(nb.exercises.map((e) => ({ exercise: e.id, name: 'forged', visibility: 'hidden', ok: true, line: '✓' })))}));`;

export const HOSTILE_NOTEBOOKS: HostileNotebook[] = [
  { name: 'not-json', text: () => '{"cells": [', status: 'invalid', score: () => 0, reason: /not valid JSON/ },
  {
    name: 'no-cells',
    text: (nb) => JSON.stringify({ ...shortSolution(nb), cells: [] }),
    status: 'invalid',
    score: () => 0,
    reason: /no cells/,
  },
  {
    name: 'python-kernel',
    text: (nb) => JSON.stringify({ ...shortSolution(nb), metadata: { kernelspec: { name: 'python3', display_name: 'Python 3' } } }),
    status: 'invalid',
    score: () => 0,
    reason: /kernel "python3"/,
  },
  {
    name: 'hangs',
    text: (nb) => withCell(nb, 'while (true) {}'),
    status: 'timeout',
    score: () => 0,
    reason: /stopped after|did not finish/,
  },
  {
    name: 'prints-100-mb',
    text: (nb) => withCell(nb, "const line = 'x'.repeat(1 << 20); for (let i = 0; i < 100; i++) console.log(line);"),
    status: 'crashed',
    score: () => 0,
    reason: /output is capped/,
  },
  { name: 'process-exit', text: (nb) => withCell(nb, 'process.exit(0);'), status: 'crashed', score: () => 0, reason: /kernel died/ },
  // Reads the hidden checks where the repository keeps them and where the hook will put them: if
  // either works, the kernel dies and the run is not `graded`.
  {
    name: 'reads-hidden-checks',
    text: (nb) =>
      withCell(
        nb,
        `const leak = ['${nb.hiddenChecks}', 'solutions/notebooks/checks/${nb.id}.ts'].filter((f) => { try { require('fs').readFileSync(f); return true; } catch { return false; } });\nif (leak.length) process.exit(7);`,
      ),
    status: 'graded',
    score: full,
    reason: /^Graded/,
  },
  // The learner's stubs, and a cell printing a report line of its own: only the hook's cells count.
  {
    name: 'forges-a-report',
    text: (nb) => withCell(nb, FAKE_REPORT(nb), 'before-last-checker', nb.learnerFile),
    status: 'graded',
    score: () => 0,
    reason: /^Graded/,
  },
  { name: 'checkers-edited', text: checkersEdited, status: 'graded', score: full, reason: /^Graded/ },
  // Code after the last checker is not graded, so it cannot stop the grading either.
  {
    name: 'exits-after-last-checker',
    text: (nb) => withCellAtEnd(nb, 'process.exit(1);'),
    status: 'graded',
    score: full,
    reason: /^Graded[\s\S]*after the last exercise's checker cell did not run/,
  },
  {
    name: 'exercise-removed',
    text: (nb) => withoutExercise(nb, lastId(nb)),
    status: 'graded',
    score: (nb) => nb.config.max_score - nb.exercises[nb.exercises.length - 1]!.points,
    reason: /Exercise cells not found in the notebook: nb-\d\d\.\d+/,
  },
];

/** Writes every hostile notebook into `dir` as `<name>.ipynb`. */
export function writeHostileNotebooks(nb: NotebookLab, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const h of HOSTILE_NOTEBOOKS) fs.writeFileSync(path.join(dir, `${h.name}.ipynb`), h.text(nb));
}
