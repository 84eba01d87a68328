/**
 * `npm run notebooks:build`: regenerates, from every `notebooks/src/NN-title.md`, the learner's
 * `notebooks/NN-title.ipynb` (exercises as stubs) and the solution
 * `solutions/notebooks/NN-title.ipynb` (exercises answered). `--check` only reports stale
 * notebooks (exit 1).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../grading/harness/repo-root';
import { MarkerError } from '../grading/lib/markers';
import { type Exercise, exerciseNotebooks, findExercises } from './exercises';
import { notebookOf, parseNotebookSource, serializeNotebook } from './notebook-source';

export const NOTEBOOKS_DIR = path.join(REPO_ROOT, 'notebooks');
export const SOURCES_DIR = path.join(NOTEBOOKS_DIR, 'src');
export const SOLUTION_NOTEBOOKS_DIR = path.join(REPO_ROOT, 'solutions', 'notebooks');

/** One generated file: where it goes and the exact content it must have. */
export interface NotebookFile {
  target: string;
  content: string;
}

export interface NotebookPlan {
  source: string;
  /** `nb-NN`, the notebook's id in exercise ids and checks files. */
  id: string;
  exercises: Exercise[];
  learner: NotebookFile;
  solution: NotebookFile;
}

/** Both notebooks of one Markdown source. @throws MarkerError naming the file and line */
export function planNotebook(markdown: string, shownName: string, learnerTarget: string, solutionTarget: string): NotebookPlan {
  const number = path.basename(shownName).slice(0, 2);
  const cells = parseNotebookSource(markdown, shownName);
  const exercises = findExercises(shownName, markdown, cells, number);
  const { learner, solution } = exerciseNotebooks(cells, exercises);
  return {
    source: shownName,
    id: `nb-${number}`,
    exercises,
    learner: { target: learnerTarget, content: serializeNotebook(notebookOf(learner)) },
    solution: { target: solutionTarget, content: serializeNotebook(notebookOf(solution)) },
  };
}

/** Every notebook the sources describe, learner's and solution. */
export function planNotebooks(): NotebookPlan[] {
  return fs
    .readdirSync(SOURCES_DIR)
    .filter((name) => /^\d\d-[a-z0-9-]+\.md$/.test(name))
    .sort()
    .map((name) => {
      const ipynb = name.replace(/\.md$/, '.ipynb');
      const markdown = fs.readFileSync(path.join(SOURCES_DIR, name), 'utf8');
      return planNotebook(markdown, `notebooks/src/${name}`, path.join(NOTEBOOKS_DIR, ipynb), path.join(SOLUTION_NOTEBOOKS_DIR, ipynb));
    });
}

/** The generated files that are missing or differ from what their source generates. */
export function staleNotebooks(plans = planNotebooks()): NotebookFile[] {
  return plans
    .flatMap((p) => [p.learner, p.solution])
    .filter((f) => !fs.existsSync(f.target) || fs.readFileSync(f.target, 'utf8') !== f.content);
}

function main(): void {
  const check = process.argv.includes('--check');
  const stale = staleNotebooks();
  if (check) {
    for (const f of stale) console.error(`stale: ${path.relative(process.cwd(), f.target)} (run npm run notebooks:build)`);
    process.exit(stale.length ? 1 : 0);
  }
  for (const f of stale) {
    fs.mkdirSync(path.dirname(f.target), { recursive: true });
    fs.writeFileSync(f.target, f.content);
    console.log(`wrote ${path.relative(process.cwd(), f.target)}`);
  }
  if (!stale.length) console.log('notebooks are up to date');
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    if (!(error instanceof MarkerError)) throw error;
    console.error(`✗ ${error.message}`);
    process.exit(1);
  }
}
