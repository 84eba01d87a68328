/**
 * Exercises in notebook sources: a code cell whose first line is
 * `// Exercise nb-NN.K — title (P points)` holds the learner's code between the labs' markers
 * (`// BEGIN SOLUTION hint: …` / `// END SOLUTION`); the next code cell is its checker and calls
 * `grader.check('nb-NN.K', …)`. From one source come two notebooks: the learner's (regions →
 * stubs that throw the id and hint) and the solution (regions kept, markers dropped).
 */
import { findRegions, MarkerError, type Region, toStarter } from '../grading/lib/markers';
import type { OutputCell, SourceCell } from './notebook-source';

/** One declared exercise. */
export interface Exercise {
  id: string;
  title: string;
  points: number;
  /** Index (among all cells) of the exercise cell and of its checker cell. */
  cell: number;
  checkerCell: number;
  /** Source line of the declaration. */
  line: number;
}

const HEADER = /^\/\/\s*Exercise\s+(nb-(\d\d)\.(\d+))\s+[—–-]\s+(.+?)\s+\((\d+)\s+points?\)\s*$/;
const LOOSE_HEADER = /^\s*\/\/\s*Exercise\b/;
const CHECKER_CALL = /\bcheck\(\s*['"](nb-\d\d\.\d+)['"]/g;
const FORMAT = '"// Exercise nb-NN.K — title (P points)"';

const lastLine = (cell: SourceCell): number => cell.line + cell.text.split('\n').length - 1;
const fail = (file: string, line: number, reason: string): never => {
  throw new MarkerError(file, line, reason);
};

/** Reads the declaration on a code cell's first line; a malformed one anywhere is an error. */
function declarationOf(file: string, cell: SourceCell, notebook: string): Omit<Exercise, 'cell' | 'checkerCell'> | null {
  cell.text.split('\n').forEach((text, i) => {
    if (LOOSE_HEADER.test(text) && (i > 0 || !HEADER.test(text))) {
      fail(
        file,
        cell.line + i,
        i > 0 ? 'an exercise declaration must be the first line of its code cell' : `malformed exercise declaration; write ${FORMAT}`,
      );
    }
  });
  const match = HEADER.exec(cell.text.split('\n')[0] ?? '');
  if (!match) return null;
  const [, id, nn, , title, points] = match as unknown as [string, string, string, string, string, string];
  if (nn !== notebook) fail(file, cell.line, `exercise ${id} is in notebook ${notebook}: its id must start with nb-${notebook}.`);
  if (Number(points) <= 0) fail(file, cell.line, `exercise ${id} must be worth at least 1 point`);
  return { id, title, points: Number(points), line: cell.line };
}

/** The code cell holding each region; a region outside code, or across cells, is an error. */
function regionsByCell(file: string, markdown: string, cells: SourceCell[]): Map<number, Region[]> {
  const byCell = new Map<number, Region[]>();
  const lines = markdown.split('\n');
  for (const region of findRegions(file, markdown)) {
    // The labs' default hint points to a lab brief; a lesson's stub needs its own.
    if (!/\bhint:\s*\S/.test(lines[region.begin - 1] ?? ''))
      fail(file, region.begin, 'give the learner a hint: "// BEGIN SOLUTION hint: …"');
    const at = cells.findIndex((c) => c.cell_type === 'code' && c.line <= region.begin && region.end <= lastLine(c));
    if (at < 0) fail(file, region.begin, 'a BEGIN SOLUTION … END SOLUTION region must lie inside one ```ts code cell');
    byCell.set(at, [...(byCell.get(at) ?? []), region]);
  }
  return byCell;
}

/** The index of the first code cell after `index`, or -1. */
function nextCodeCell(cells: SourceCell[], index: number): number {
  for (let i = index + 1; i < cells.length; i++) if (cells[i]!.cell_type === 'code') return i;
  return -1;
}

/** Every checker call names an exercise declared in the code cell just before it. */
function checkCheckerCalls(file: string, cells: SourceCell[], exercises: Exercise[]): void {
  cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    for (const call of cell.text.matchAll(CHECKER_CALL)) {
      const line = cell.line + cell.text.slice(0, call.index).split('\n').length - 1;
      const exercise = exercises.find((e) => e.id === call[1]);
      if (!exercise) fail(file, line, `check('${call[1]}') names no exercise declared in this notebook`);
      else if (exercise.checkerCell !== index)
        fail(file, line, `check('${call[1]}') belongs in the code cell right after exercise ${call[1]} (line ${exercise.line})`);
    }
  });
}

/**
 * The exercises of a notebook source, validated.
 * @param notebook the two digits of the notebook's file name
 * @throws MarkerError naming the file and line of the first problem
 */
export function findExercises(file: string, markdown: string, cells: SourceCell[], notebook: string): Exercise[] {
  const regions = regionsByCell(file, markdown, cells);
  const exercises: Exercise[] = [];
  cells.forEach((cell, index) => {
    const declared = cell.cell_type === 'code' ? declarationOf(file, cell, notebook) : null;
    if (!declared) {
      const stray = regions.get(index);
      if (stray) fail(file, stray[0]!.begin, `solution region outside an exercise cell; start the cell with ${FORMAT}`);
      return;
    }
    const before = exercises.find((e) => e.id === declared.id);
    if (before) fail(file, declared.line, `exercise ${declared.id} is declared twice (first at line ${before.line})`);
    if (!regions.has(index))
      fail(file, declared.line, `exercise ${declared.id} has no BEGIN SOLUTION … END SOLUTION region for the learner to write`);
    const checkerCell = nextCodeCell(cells, index);
    const call = checkerCell >= 0 ? [...cells[checkerCell]!.text.matchAll(CHECKER_CALL)].some((m) => m[1] === declared.id) : false;
    if (!call)
      fail(
        file,
        declared.line,
        `exercise ${declared.id} has no checker: the next code cell must call grader.check('${declared.id}', yourFunction)`,
      );
    exercises.push({ ...declared, cell: index, checkerCell });
  });
  checkCheckerCalls(file, cells, exercises);
  return exercises;
}

/** Lines of `text` without the marker lines: the solution as a reader should see it. */
function withoutMarkers(file: string, text: string): string {
  const markers = new Set(findRegions(file, text).flatMap((r) => [r.begin, r.end]));
  return text
    .split('\n')
    .filter((_, i) => !markers.has(i + 1))
    .join('\n');
}

/** The cells of both notebooks; exercise and checker cells carry `metadata.exercise`. */
export function exerciseNotebooks(cells: SourceCell[], exercises: Exercise[]): { learner: OutputCell[]; solution: OutputCell[] } {
  const byCell = new Map<number, { exercise: Exercise; role: 'answer' | 'checker' }>();
  for (const e of exercises) {
    byCell.set(e.cell, { exercise: e, role: 'answer' });
    byCell.set(e.checkerCell, { exercise: e, role: 'checker' });
  }
  const learner: OutputCell[] = [];
  const solution: OutputCell[] = [];
  cells.forEach((cell, index) => {
    const mark = byCell.get(index);
    const metadata = mark
      ? { exercise: { id: mark.exercise.id, title: mark.exercise.title, points: mark.exercise.points, role: mark.role } }
      : undefined;
    const answer = mark && mark.role === 'answer';
    // A `.ts` name makes toStarter write a throwing stub; the cell was validated above.
    const file = `${mark ? mark.exercise.id : 'cell'}.ts`;
    learner.push({ cell_type: cell.cell_type, text: answer ? toStarter(mark.exercise.id, file, cell.text) : cell.text, metadata });
    solution.push({ cell_type: cell.cell_type, text: answer ? withoutMarkers(file, cell.text) : cell.text, metadata });
  });
  return { learner, solution };
}
