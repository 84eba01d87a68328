/**
 * Builds the static course site: each lesson executed in Jupyter and rendered to HTML, the labs'
 * briefs, an index, and plotly.js once for all pages. A lesson that fails to execute is reported
 * and left out; every other page is still written.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type ExecutionResult, executeNotebook, exportHtmlFiles } from './execute';
import { type Notebook, notebookOf } from './notebook-source';
import { findLabs, findLessons, type Lab, type Lesson, selectLessons } from './site-contents';
import { type IndexEntry, indexHtml } from './site-index';
import { framePage, linkPlotly, type NavLink, PLOTLY_ASSET, plotlyAssetSource } from './site-page';

export interface SiteOptions {
  title: string;
  /** Where the executed notebooks come from: the solution notebooks. */
  notebooksDir: string;
  labsDir: string;
  outDir: string;
  /** Lessons to build (see `selectLessons`); all when empty. */
  lessons: string[];
  log: (line: string) => void;
}

export interface LessonFailure {
  /** The lesson's name (or, rarely, the lab whose brief did not render). */
  lesson: string;
  /** One line for the index: "cell 12 of 40 (under "Tuning") failed". */
  summary: string;
  /** The lesson, the cell and what it printed, for the reader of the build's output. */
  message: string;
}

export interface SiteReport {
  index: string;
  /** Every page written, index first. */
  pages: string[];
  failures: LessonFailure[];
}

/** The Markdown heading the cell at `index` sits under, if any. */
function sectionOf(notebook: Notebook, index: number): string | undefined {
  for (let i = Math.min(index, notebook.cells.length - 1); i >= 0; i--) {
    const cell = notebook.cells[i];
    const headings = cell?.cell_type === 'markdown' ? cell.source.join('').match(/^#{1,6}\s+.+$/gm) : null;
    if (headings) return headings[headings.length - 1]?.replace(/^#+\s+/, '').trim();
  }
  return undefined;
}

/** What went wrong in a lesson that did not execute, naming the lesson and the cell. */
export function lessonFailure(lesson: string, result: ExecutionResult): LessonFailure {
  if (result.failedCell === undefined || !result.executed) {
    return { lesson, summary: 'it did not execute', message: `lesson ${lesson} did not execute: ${result.failure}` };
  }
  const { executed, failedCell } = result;
  const section = sectionOf(executed, failedCell);
  const summary = `cell ${failedCell + 1} of ${executed.cells.length}${section ? ` (under "${section}")` : ''} failed`;
  // execute.ts numbers cells from 0 in its first line; the summary says it for a reader.
  const detail = result.failure.replace(/^cell \d+:\n/, '').replace(/^/gm, '    ');
  return { lesson, summary, message: `lesson ${lesson} did not execute: ${summary}\n${detail}` };
}

/** A notebook to turn into one page of the site. */
interface PageSource {
  /** The page's file name without `.html`; unique in the site. */
  name: string;
  notebook: Notebook;
}

function nbconvert(sources: PageSource[], work: string): Map<string, string> {
  const files = sources.map((source) => {
    const file = path.join(work, `${source.name}.ipynb`);
    fs.writeFileSync(file, JSON.stringify(source.notebook));
    return file;
  });
  const html = exportHtmlFiles(files, work);
  return new Map(sources.map((source, i) => [source.name, fs.readFileSync(html[i] as string, 'utf8')]));
}

/**
 * Every source rendered by nbconvert, in one run; when that run fails, one by one, so a page
 * nbconvert cannot render costs only that page. @returns HTML by name, and errors by name
 */
function renderPages(sources: PageSource[]): { html: Map<string, string>; errors: Map<string, string> } {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'course-site-'));
  const errors = new Map<string, string>();
  try {
    if (sources.length === 0) return { html: new Map(), errors };
    try {
      return { html: nbconvert(sources, work), errors };
    } catch {
      const html = new Map<string, string>();
      for (const source of sources) {
        try {
          html.set(source.name, nbconvert([source], work).get(source.name) as string);
        } catch (error) {
          errors.set(source.name, (error as Error).message);
        }
      }
      return { html, errors };
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function writePage(target: string, html: string, title: string, nav: NavLink[]): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, framePage(html, { title, nav }));
}

function lessonNav(built: Lesson[], i: number): NavLink[] {
  const nav: NavLink[] = [{ href: 'index.html', label: '↑ Course index' }];
  const previous = built[i - 1];
  const next = built[i + 1];
  if (previous) nav.push({ href: `${previous.name}.html`, label: `← ${previous.title}` });
  if (next) nav.push({ href: `${next.name}.html`, label: `${next.title} →` });
  return nav;
}

/** Each lesson executed, with the shared plotly.js linked instead of inlined, or why not. */
function executeLessons(lessons: Lesson[], log: (line: string) => void): { executed: PageSource[]; failures: LessonFailure[] } {
  const executed: PageSource[] = [];
  const failures: LessonFailure[] = [];
  for (const lesson of lessons) {
    const result = executeNotebook(lesson.file);
    if (result.ok && result.executed) {
      executed.push({ name: lesson.name, notebook: linkPlotly(result.executed, PLOTLY_ASSET).notebook });
      log(`✓ ${lesson.name} ran (${result.seconds.toFixed(1)} s)`);
    } else {
      failures.push(lessonFailure(lesson.name, result));
      log(`✗ ${lesson.name} failed (${result.seconds.toFixed(1)} s)`);
    }
  }
  return { executed, failures };
}

/** Executes the selected lessons and writes the site; never throws for a failing lesson. */
export function buildSite(options: SiteOptions): SiteReport {
  const lessons = selectLessons(findLessons(options.notebooksDir), options.lessons);
  const labs = findLabs(options.labsDir);
  const { executed, failures } = executeLessons(lessons, options.log);
  const briefs = labs.map((lab) => ({ name: lab.id, notebook: notebookOf([{ cell_type: 'markdown', text: lab.brief }]) }));
  const { html, errors } = renderPages([...executed, ...briefs]);
  for (const [name, error] of errors)
    failures.push({ lesson: name, summary: 'it did not render', message: `${name} did not render: ${error}` });
  // Pages link to their neighbours, so they are written once it is known which ones exist.
  const built = lessons.filter((lesson) => html.has(lesson.name));
  const pages = built.map((lesson, i) => {
    const target = path.join(options.outDir, `${lesson.name}.html`);
    writePage(target, html.get(lesson.name) as string, lesson.title, lessonNav(built, i));
    return target;
  });
  // A page left from an earlier build would show outputs this build could not reproduce.
  for (const failure of failures) fs.rmSync(path.join(options.outDir, `${failure.lesson}.html`), { force: true });
  const labEntries = writeLabs(labs, html, options.outDir);
  pages.push(...labEntries.flatMap((entry) => (entry.href ? [path.join(options.outDir, entry.href)] : [])));
  fs.mkdirSync(path.join(options.outDir, path.dirname(PLOTLY_ASSET)), { recursive: true });
  fs.writeFileSync(path.join(options.outDir, PLOTLY_ASSET), plotlyAssetSource());
  const entries = lessons.map((lesson): IndexEntry => {
    const failure = failures.find((f) => f.lesson === lesson.name);
    return failure ? { title: lesson.title, problem: failure.summary } : { title: lesson.title, href: `${lesson.name}.html` };
  });
  const index = path.join(options.outDir, 'index.html');
  fs.writeFileSync(index, indexHtml(options.title, entries, labEntries));
  return { index, pages: [index, ...pages], failures };
}

function writeLabs(labs: Lab[], html: Map<string, string>, outDir: string): IndexEntry[] {
  return labs.map((lab) => {
    const page = html.get(lab.id);
    if (page === undefined) return { title: lab.title, problem: 'it did not render' };
    const href = `labs/${lab.id}.html`;
    writePage(path.join(outDir, href), page, lab.title, [{ href: '../index.html', label: '↑ Course index' }]);
    return { title: lab.title, href };
  });
}
