/**
 * Faulty notebook fixtures for the meta-tests: `solutions/notebooks/submissions/nb-NN-<name>/fault.json`
 * holds edits of the solution notebook's code cells (as labs' faults edit a lab's files) and the
 * score range the grader must give it: `{ description, min, max, edits: [{ find, replace }] }`.
 * Each `find` must occur exactly once among the code cells, as the notebook stands after the
 * edits before it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { Notebook } from '../../notebook-tools/notebook-source';
import { LabError } from '../lib/labs';
import { REPO_ROOT } from '../harness/repo-root';
import { parseWith } from '../lib/schema';
import type { NotebookLab } from './notebooks';

export const FAULTS_DIR = path.join(REPO_ROOT, 'solutions', 'notebooks', 'submissions');

const FAULT = z
  .object({
    description: z.string().min(1),
    min: z.number(),
    max: z.number(),
    edits: z.array(z.object({ find: z.string().min(1), replace: z.string() }).strict()).min(1),
  })
  .strict();
export type NotebookFault = z.infer<typeof FAULT>;

/** Fixture names (`nb-03-step-uphill`) of notebook `nb`, sorted. */
export function listNotebookFaults(nb: NotebookLab): string[] {
  if (!fs.existsSync(FAULTS_DIR)) return [];
  return fs
    .readdirSync(FAULTS_DIR)
    .filter((d) => d.startsWith(`${nb.id}-`) && fs.existsSync(path.join(FAULTS_DIR, d, 'fault.json')))
    .sort();
}

export function readNotebookFault(name: string): NotebookFault {
  const file = path.join(FAULTS_DIR, name, 'fault.json');
  const fail = (what: string): LabError => new LabError(`${path.relative(REPO_ROOT, file)}: ${what}`);
  return parseWith(FAULT, JSON.parse(fs.readFileSync(file, 'utf8')), fail);
}

/** The solution notebook with fixture `name`'s edits; @throws LabError naming a `find` that is not there once */
export function faultyNotebook(nb: NotebookLab, name: string): Notebook {
  const notebook = JSON.parse(fs.readFileSync(nb.solutionFile, 'utf8')) as Notebook;
  for (const edit of readNotebookFault(name).edits) {
    const hits = notebook.cells.filter((c) => c.cell_type === 'code' && c.source.join('').split(edit.find).length === 2);
    const count = notebook.cells.reduce((n, c) => n + (c.cell_type === 'code' ? c.source.join('').split(edit.find).length - 1 : 0), 0);
    if (count !== 1 || hits.length !== 1)
      throw new LabError(
        `${name}/fault.json: "${edit.find}" occurs ${count} times in ${path.basename(nb.solutionFile)}'s code cells, not once`,
      );
    const cell = hits[0]!;
    cell.source = [cell.source.join('').replace(edit.find, () => edit.replace)];
  }
  return notebook;
}
