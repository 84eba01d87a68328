/**
 * What goes into the course site: the lessons (executed solution notebooks), in course order,
 * and the labs' briefs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../grading/lib/usage';
import type { Notebook } from './notebook-source';

export interface Lesson {
  /** `00`, `01`, …: the lesson's place in the course. */
  number: string;
  /** The file name without `.ipynb`: `00-what-is-a-model`. */
  name: string;
  file: string;
  title: string;
}

export interface Lab {
  /** The lab's folder name: `lab-01-ship-the-model`. */
  id: string;
  title: string;
  /** The brief, Markdown. */
  brief: string;
}

const LESSON_FILE = /^(\d\d)-[a-z0-9-]+\.ipynb$/;

/** The notebook's first level-1 heading (the lesson's title), else `fallback`. */
export function notebookTitle(notebook: Notebook, fallback: string): string {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== 'markdown') continue;
    const heading = /^#\s+(.+?)\s*$/m.exec(cell.source.join(''));
    if (heading) return heading[1];
  }
  return fallback;
}

/** Every `NN-title.ipynb` in `dir`, in course order. */
export function findLessons(dir: string): Lesson[] {
  return fs
    .readdirSync(dir)
    .filter((name) => LESSON_FILE.test(name))
    .sort()
    .map((fileName) => {
      const file = path.join(dir, fileName);
      const name = fileName.replace(/\.ipynb$/, '');
      const notebook = JSON.parse(fs.readFileSync(file, 'utf8')) as Notebook;
      return { number: fileName.slice(0, 2), name, file, title: notebookTitle(notebook, name) };
    });
}

/**
 * The lessons `wanted` names (`3`, `03`, `nb-03` or `03-training`), in course order; all of
 * them when `wanted` is empty.
 * @throws UsageError naming what matched no lesson, and the lessons there are
 */
export function selectLessons(lessons: Lesson[], wanted: string[]): Lesson[] {
  if (wanted.length === 0) return lessons;
  const matches = (lesson: Lesson, name: string): boolean => {
    const number = /^(?:nb-)?(\d{1,2})$/.exec(name)?.[1];
    return number !== undefined ? lesson.number === number.padStart(2, '0') : lesson.name === name;
  };
  const unknown = wanted.filter((name) => !lessons.some((lesson) => matches(lesson, name)));
  if (unknown.length > 0) {
    const known = lessons.map((lesson) => lesson.name).join(', ') || 'none';
    throw new UsageError(`no lesson ${unknown.map((name) => JSON.stringify(name)).join(', ')}; the lessons are: ${known}`);
  }
  return lessons.filter((lesson) => wanted.some((name) => matches(lesson, name)));
}

/** Every lab in `labsDir` that has a brief (`README.md`) and a `lab.json`, in order. */
export function findLabs(labsDir: string): Lab[] {
  if (!fs.existsSync(labsDir)) return [];
  return fs
    .readdirSync(labsDir)
    .filter((id) => /^lab-\d\d-/.test(id))
    .sort()
    .flatMap((id) => {
      const brief = path.join(labsDir, id, 'README.md');
      const config = path.join(labsDir, id, 'lab.json');
      if (!fs.existsSync(brief) || !fs.existsSync(config)) return [];
      const { title } = JSON.parse(fs.readFileSync(config, 'utf8')) as { title?: string };
      return [{ id, title: title ?? id, brief: fs.readFileSync(brief, 'utf8') }];
    });
}
