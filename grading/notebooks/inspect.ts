/**
 * A submitted `.ipynb`, read by the trusted grader before anything runs: refused (status
 * `invalid`) when it is not a notebook of the course's kernel, then made ready for the kernel
 * and cut after its last exercise's checker cell, with the grading hook's cells appended.
 * Nothing here executes the learner's code.
 */
import * as fs from 'node:fs';
import { COURSE_KERNEL } from '../../scripts/jupyter';
import type { Notebook, NotebookCell } from '../../notebook-tools/notebook-source';
import { InvalidSubmission } from '../lib/unpack';

/** Largest notebook read (its saved outputs included). */
export const MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024;

const isCell = (c: unknown): c is NotebookCell => {
  const cell = c as Partial<NotebookCell> | null;
  return (
    typeof cell === 'object' &&
    cell !== null &&
    typeof cell.cell_type === 'string' &&
    (typeof cell.source === 'string' || Array.isArray(cell.source))
  );
};

function parse(file: string): unknown {
  if (fs.statSync(file).size > MAX_NOTEBOOK_BYTES)
    throw new InvalidSubmission(`the notebook is over ${MAX_NOTEBOOK_BYTES / 1024 / 1024} MiB`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InvalidSubmission(
      `the notebook is not valid JSON (${(e as Error).message.slice(0, 120)}): hand in the .ipynb as Jupyter saved it`,
    );
  }
}

/**
 * The submitted notebook. @throws InvalidSubmission when it is not JSON, has no cells, or was
 * saved with another kernel than the course's
 */
export function readSubmission(file: string): Notebook {
  const nb = parse(file) as Partial<Notebook> | null;
  if (typeof nb !== 'object' || nb === null || !Array.isArray(nb.cells))
    throw new InvalidSubmission('the file is JSON but not a notebook: it has no "cells" list');
  if (nb.cells.length === 0) throw new InvalidSubmission('the notebook has no cells');
  const bad = nb.cells.findIndex((c) => !isCell(c));
  if (bad >= 0) throw new InvalidSubmission(`cell ${bad} of the notebook has no "cell_type" and "source"`);
  const kernel = (nb.metadata?.['kernelspec'] as { name?: unknown } | undefined)?.name;
  if (kernel !== undefined && kernel !== COURSE_KERNEL) {
    throw new InvalidSubmission(
      `the notebook was saved with the kernel "${String(kernel)}", not the course's "${COURSE_KERNEL}": open it again with "TypeScript (course)" and save`,
    );
  }
  return { cells: nb.cells, metadata: nb.metadata ?? {}, nbformat: 4, nbformat_minor: nb.nbformat_minor ?? 5 };
}

const sourceOf = (c: NotebookCell): string => [c.source].flat().join('');

/** Exercise ids whose exercise cell (`// Exercise nb-NN.K — …` as a code cell's first line) is gone. */
export function missingExercises(nb: Notebook, ids: readonly string[]): string[] {
  const declared = nb.cells
    .filter((c) => c.cell_type === 'code')
    .map((c) => /^\s*\/\/\s*Exercise\s+(nb-\d\d\.\d+)\b/.exec(sourceOf(c))?.[1]);
  return ids.filter((id) => !declared.includes(id));
}

const codeCell = (source: string, i: number): NotebookCell => ({
  cell_type: 'code',
  id: `grading-hook-${i}`,
  metadata: {},
  source: [source],
  execution_count: null,
  outputs: [],
});

// How a cell says it belongs to an exercise when its metadata is gone: the exercise cell's first
// line, or the checker's call.
const EXERCISE_SOURCE = /^\s*\/\/\s*Exercise\s+nb-\d\d\.\d+\b|\bgrader\.check\(\s*['"]nb-\d\d\.\d+['"]/;

/**
 * Index of the last cell that belongs to an exercise — its answer or its checker, marked by
 * `metadata.exercise` or by its source — or -1 when no cell does.
 */
export function lastExerciseCell(nb: Notebook): number {
  const belongs = (c: NotebookCell): boolean =>
    c.metadata?.['exercise'] !== undefined || (c.cell_type === 'code' && EXERCISE_SOURCE.test(sourceOf(c)));
  return nb.cells.reduce((last, c, i) => (belongs(c) ? i : last), -1);
}

/**
 * What a graded run executes: the learner's cells from the top to the last exercise's checker
 * cell (all of them when no cell belongs to an exercise), saved outputs dropped — they are
 * neither run nor trusted — then the hook's. The lesson's work after the last checker (a grid
 * search, a service and its timed requests) is what takes a run's time, and no check reads it;
 * so a function the learner redefines after the last checker does not count.
 * @returns the notebook to run, the index of the first hook cell, and how many of the learner's
 *   code cells were left out
 */
export function withHook(nb: Notebook, hook: readonly string[]): { notebook: Notebook; firstHook: number; skipped: number } {
  const last = lastExerciseCell(nb);
  const kept = last < 0 ? nb.cells : nb.cells.slice(0, last + 1);
  const learner = kept.map((c, i) => ({
    ...c,
    id: `learner-${i}`,
    ...(c.cell_type === 'code' ? { outputs: [], execution_count: null } : {}),
  }));
  const notebook = { ...nb, cells: [...learner, ...hook.map(codeCell)] };
  const skipped = nb.cells.slice(kept.length).filter((c) => c.cell_type === 'code').length;
  return { notebook, firstHook: learner.length, skipped };
}
