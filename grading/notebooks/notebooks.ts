/**
 * Notebooks as gradable units, like labs: `nb-03` (or `03`, `nb03`) names lesson 03, whose
 * learner notebook declares its exercises (`metadata.exercise` on the exercise cells: id, title,
 * points) and whose checks are `notebooks/checks/nb-03.ts` (public) and
 * `solutions/notebooks/checks/nb-03.ts` (hidden). A notebook without exercises is not gradable.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Lab, type LabConfig, LabError } from '../lib/labs';
import { REPO_ROOT } from '../harness/repo-root';
import type { Notebook } from '../../notebook-tools/notebook-source';

/** One exercise as the grader needs it. */
export interface GradedExercise {
  id: string;
  title: string;
  points: number;
  /** The learner functions the checks call, in the checker cell's order. */
  uses: string[];
}

/** A gradable notebook: a `Lab` for the batch and the reports, plus what the hook needs. */
export interface NotebookLab extends Lab {
  /** `nb-NN`. */
  id: string;
  /** The learner notebook in the course (`notebooks/NN-*.ipynb`): the default file to check. */
  learnerFile: string;
  /** The solution notebook (`solutions/notebooks/NN-*.ipynb`). */
  solutionFile: string;
  publicChecks: string;
  hiddenChecks: string;
  exercises: GradedExercise[];
}

/** Time and memory for every notebook: a lesson's run costs ~30–60 s of kernel time. */
export const NOTEBOOK_LIMITS = { cell_s: 180, submission_s: 420, memory_mb: 2048 } as const;

const NOTEBOOK_NAME = /^(?:nb-?)?(\d{1,2})$/i;

function exercisesIn(file: string): Array<Omit<GradedExercise, 'uses'>> {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8')) as Notebook;
  return nb.cells
    .map((c) => c.metadata?.['exercise'] as { id: string; title: string; points: number; role: string } | undefined)
    .filter((e): e is NonNullable<typeof e> => e !== undefined && e.role === 'answer')
    .map((e) => ({ id: e.id, title: e.title, points: e.points }));
}

function checksOf(file: string): Array<{ id: string; uses: string[] }> {
  if (!fs.existsSync(file))
    throw new LabError(`${path.relative(REPO_ROOT, file)} is missing: every exercise needs public and hidden checks`);
  // A checks file is TypeScript loaded at run time by path (tsx's require hook compiles it).
  return (require(file) as { exercises: Array<{ id: string; uses: string[] }> }).exercises;
}

/** Fails naming the checks file when its exercises are not the notebook's, in order. */
function sameIds(want: string[], file: string, got: string[]): void {
  if (want.join(',') !== got.join(','))
    throw new LabError(`${path.relative(REPO_ROOT, file)} checks ${got.join(', ') || 'nothing'}; the notebook declares ${want.join(', ')}`);
}

function config(id: string, title: string, learnerFile: string, points: number): LabConfig {
  return {
    id,
    title,
    files: [path.basename(learnerFile)],
    builds_on: [],
    max_score: points,
    timeouts: { test_ms: NOTEBOOK_LIMITS.cell_s * 1000, submission_s: NOTEBOOK_LIMITS.submission_s },
    memory_mb: NOTEBOOK_LIMITS.memory_mb,
    instructor_visibility: 'after_published',
  };
}

/** Notebook `nn` (two digits) with its checks, or undefined when it has no exercises. */
export function loadNotebook(nn: string, root = REPO_ROOT): NotebookLab | undefined {
  const find = (dir: string): string | undefined =>
    fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(`${nn}-`) && f.endsWith('.ipynb'))
      .map((f) => path.join(dir, f))[0];
  const learnerFile = find(path.join(root, 'notebooks'));
  const solutionFile = find(path.join(root, 'solutions', 'notebooks'));
  if (!learnerFile || !solutionFile) return undefined;
  const declared = exercisesIn(learnerFile);
  if (declared.length === 0) return undefined;
  const id = `nb-${nn}`;
  const publicChecks = path.join(root, 'notebooks', 'checks', `${id}.ts`);
  const hiddenChecks = path.join(root, 'solutions', 'notebooks', 'checks', `${id}.ts`);
  const shown = checksOf(publicChecks);
  sameIds(
    declared.map((e) => e.id),
    publicChecks,
    shown.map((e) => e.id),
  );
  sameIds(
    declared.map((e) => e.id),
    hiddenChecks,
    checksOf(hiddenChecks).map((e) => e.id),
  );
  const exercises = declared.map((e, i) => ({ ...e, uses: shown[i]!.uses }));
  const title = `Notebook ${nn} · ${path
    .basename(learnerFile, '.ipynb')
    .replace(/^\d\d-/, '')
    .replace(/-/g, ' ')}`;
  const points = exercises.reduce((s, e) => s + e.points, 0);
  return {
    id,
    config: config(id, title, learnerFile, points),
    dir: path.dirname(publicChecks),
    learnerFile,
    solutionFile,
    publicChecks,
    hiddenChecks,
    exercises,
  };
}

/** Numbers of the course's notebooks that have exercises (their learner notebook declares some). */
export function gradableNotebooks(root = REPO_ROOT): string[] {
  const dir = path.join(root, 'notebooks');
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d\d-.*\.ipynb$/.test(f) && exercisesIn(path.join(dir, f)).length > 0)
    .map((f) => f.slice(0, 2))
    .sort();
}

/** True when what the user typed names a notebook (`nb-03`, `nb03`), not a lab. */
export const isNotebookName = (name: string): boolean => /^nb-?\d{1,2}$/i.test(name.trim());

/**
 * The notebook a user named. @throws LabError listing the notebooks that have exercises
 */
export function resolveNotebook(name: string, root = REPO_ROOT): NotebookLab {
  const m = NOTEBOOK_NAME.exec(name.trim());
  const nb = m ? loadNotebook((m[1] ?? '').padStart(2, '0'), root) : undefined;
  if (nb) return nb;
  const known =
    gradableNotebooks(root)
      .map((nn) => `  nb-${nn}`)
      .join('\n') || '  (none)';
  throw new LabError(`no notebook "${name}" with exercises. Notebooks with exercises:\n${known}`);
}
