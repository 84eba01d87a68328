/**
 * Grading one notebook submission, and the batch's notebook kind: a submission is a folder, a
 * `.zip` or a `.tar.gz` holding the learner's `.ipynb`, or the `.ipynb` itself. The notebook is
 * checked by the trusted grader (JSON, cells, kernel), run in a sandbox slot from the top to its
 * last exercise's checker cell with the hook's cells appended, and scored from what the hook
 * printed.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { graderCells } from '../exercises/hook';
import type { Results } from '../harness/results';
import type { GraderKind } from '../lib/batch';
import { REPO_ROOT } from '../harness/repo-root';
import type { SubmissionEntry } from '../lib/submissions';
import { checkFolder, InvalidSubmission, unpackTar, unpackZip } from '../lib/unpack';
import { treeSha256 } from '../term/provenance';
import { missingExercises, readSubmission, withHook } from './inspect';
import type { NotebookLab } from './notebooks';
import { runNotebook, stageNotebook } from './run';
import { scoreNotebook } from './score';

/** Where `prepare` leaves the learner's notebook in its folder. */
export const PREPARED_NAME = 'submission.ipynb';

/** The notebook in an unpacked folder: the one named like the lesson's, else the only `.ipynb`. */
export function findNotebook(dir: string, nb: NotebookLab): string {
  const all = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ipynb') && !e.name.startsWith('.'))
      .map((e) => path.join(d, e.name));
  const kids = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== '__MACOSX');
  const found = [...all(dir), ...(kids.length === 1 ? all(path.join(dir, kids[0]!.name)) : [])];
  const named = found.find((f) => path.basename(f) === path.basename(nb.learnerFile));
  if (named) return named;
  if (found.length === 1) return found[0]!;
  throw new InvalidSubmission(
    found.length
      ? `${found.length} notebooks and none named ${path.basename(nb.learnerFile)}: hand in one`
      : `no .ipynb found (expected ${path.basename(nb.learnerFile)})`,
  );
}

/** Unpacks and checks a submission into `dest`; leaves its notebook as `dest/submission.ipynb`. */
export async function prepareNotebook(entry: SubmissionEntry, nb: NotebookLab, dest: string): Promise<string> {
  const unpacked = path.join(dest, 'unpacked');
  fs.mkdirSync(unpacked, { recursive: true, mode: 0o700 });
  if (entry.kind === 'file') fs.copyFileSync(entry.path, path.join(unpacked, path.basename(entry.path)));
  else if (entry.kind === 'folder') {
    checkFolder(entry.path);
    fs.cpSync(entry.path, unpacked, { recursive: true });
  } else if (entry.kind === 'zip') await unpackZip(entry.path, unpacked);
  else await unpackTar(entry.path, unpacked);
  checkFolder(unpacked);
  const file = findNotebook(unpacked, nb);
  readSubmission(file);
  fs.copyFileSync(file, path.join(dest, PREPARED_NAME));
  fs.rmSync(unpacked, { recursive: true, force: true });
  return dest;
}

export interface GradeNotebookOptions {
  nb: NotebookLab;
  /** The learner's `.ipynb`. */
  file: string;
  submission: string;
  workDir: string;
  slot: number;
  publicOnly: boolean;
  timeoutS?: number;
}

function summary(status: string, detail: string, missing: string[], failedCells: number, skipped: number): string {
  const lines = [status === 'graded' ? 'Graded.' : `Stopped: ${detail}`];
  if (missing.length)
    lines.push(
      `Exercise cells not found in the notebook: ${missing.join(', ')} (their functions were graded if the notebook still defines them).`,
    );
  if (failedCells) lines.push(`${failedCells} of your cells failed when the notebook ran from the top to the last exercise's checker.`);
  if (skipped)
    lines.push(
      `The ${skipped} code cell${skipped === 1 ? '' : 's'} after the last exercise's checker cell did not run: grading stops there, so code after it is not graded.`,
    );
  return lines.join('\n');
}

/** Grades one learner notebook; throws InvalidSubmission only for a file that is not a course notebook. */
export async function gradeNotebook(o: GradeNotebookOptions): Promise<Results> {
  const t0 = Date.now();
  const learner = readSubmission(o.file);
  const missing = missingExercises(
    learner,
    o.nb.exercises.map((e) => e.id),
  );
  const { notebook, firstHook, skipped } = withHook(learner, graderCells(o.nb.id, o.nb.exercises, { hidden: !o.publicOnly }));
  const { spec, file } = stageNotebook(notebook, o.workDir, o.slot);
  try {
    const timeoutS = Math.max(10, (o.timeoutS ?? o.nb.config.timeouts.submission_s) - 15);
    const run = await runNotebook({ nb: o.nb, spec, file, firstHook, hidden: !o.publicOnly, timeoutS });
    const tests = scoreNotebook({
      exercises: o.nb.exercises,
      hook: run.hook,
      missing,
      hiddenVisibility: o.nb.config.instructor_visibility,
      publicOnly: o.publicOnly,
    });
    return {
      score: tests.reduce((s, t) => s + t.score, 0),
      max_score: tests.reduce((s, t) => s + t.max_score, 0),
      execution_time: Math.round((Date.now() - t0) / 100) / 10,
      output: summary(run.status, run.detail, missing, run.learnerErrors.length, skipped),
      tests,
      extra_data: { lab: o.nb.id, submission: o.submission, status: run.status, incidents: run.status === 'graded' ? [] : [run.detail] },
    };
  } finally {
    fs.rmSync(spec.rootDir, { recursive: true, force: true });
  }
}

/** What defines a notebook's grader: its checks, the exercise toolkit and this folder. */
export function notebookGraderDirs(nb: NotebookLab): string[] {
  return [nb.publicChecks, nb.hiddenChecks].map((f) => path.dirname(f)).concat([path.join(REPO_ROOT, 'grading', 'exercises'), __dirname]);
}

/** The batch's steps for notebook `nb`. */
export function notebookKind(nb: NotebookLab): GraderKind {
  return {
    runner: path.join(__dirname, 'grade-one-notebook.ts'),
    args: [nb.id],
    prepare: (entry, dest) => prepareNotebook(entry, nb, dest),
    record: () => {
      // The notebook's "lab.json" is its declared exercises and limits.
      const sha = treeSha256(notebookGraderDirs(nb), REPO_ROOT);
      return {
        grader_version: `sha256:${sha}`,
        grader_sha256: sha,
        lab_config_sha256: createHash('sha256')
          .update(JSON.stringify({ exercises: nb.exercises, config: nb.config }))
          .digest('hex'),
        node_version: process.version,
      };
    },
  };
}
