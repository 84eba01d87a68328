/**
 * A submitted `.ipynb`, read by the trusted grader before anything runs: refused (status
 * `invalid`) when it is not a notebook of the course's kernel, then made ready for the kernel
 * with the grading hook's cells appended. Nothing here executes the learner's code.
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

/**
 * The learner's cells (saved outputs dropped: they are neither run nor trusted), then the hook's.
 * @returns the notebook to run and the index of the first hook cell
 */
export function withHook(nb: Notebook, hook: readonly string[]): { notebook: Notebook; firstHook: number } {
  const learner = nb.cells.map((c, i) => ({
    ...c,
    id: `learner-${i}`,
    ...(c.cell_type === 'code' ? { outputs: [], execution_count: null } : {}),
  }));
  const notebook = { ...nb, cells: [...learner, ...hook.map(codeCell)] };
  return { notebook, firstHook: learner.length };
}
