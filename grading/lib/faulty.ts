/**
 * Faulty fixture submissions, kept as edits of the lab's reference solution rather than as
 * copies of it: `solutions/<lab>/submissions/faulty-…/fault.json` says what is wrong and how
 * to get there from the solution, so a change to a solution file reaches every fixture, and a
 * change that breaks a fixture's edit stops materialising with an error naming it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { walk } from './build';
import type { Lab } from './labs';
import { must, parseWith } from './schema';

/** Replace the one occurrence of `find` in `file` (a learner file of the lab) with `replace`. */
export interface TextEdit {
  file: string;
  find: string;
  replace: string;
}

/**
 * Use the fixture folder's own copy of `file` (same relative path) instead of the solution's:
 * for a file that is different throughout (lab 03's Dockerfiles), not for a small fault.
 */
export interface WholeFileEdit {
  file: string;
  wholeFile: true;
}

export type Edit = TextEdit | WholeFileEdit;

/** The contents of `fault.json`. */
export interface Fault {
  /** What is wrong, in one sentence: the fault the meta-test expects the checks to catch. */
  description: string;
  /** The score the graders must give it: min ≤ score ≤ max (and below full marks). */
  min: number;
  max: number;
  /** Applied in order to the lab's reference files; the other learner files stay the solution's. */
  edits: Edit[];
}

export const FAULT_FILE = 'fault.json';

/** A fixture that cannot be read or materialised; the message names the fixture. */
export class FixtureError extends Error {
  override name = 'FixtureError';
}

/** Ids (`faulty-…` folder names) of the lab's faulty fixtures, sorted. */
export function listFaults(lab: Lab): string[] {
  const dir = path.join(lab.dir, 'submissions');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith('faulty-'))
    .map((d) => d.name)
    .sort();
}

const fixtureDir = (lab: Lab, id: string): string => path.join(lab.dir, 'submissions', id);

/** Reads and validates a fixture's `fault.json`; every problem names the fixture and the field. */
export function readFault(lab: Lab, id: string): Fault {
  const where = `${lab.config.id}/submissions/${id}/${FAULT_FILE}`;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(fixtureDir(lab, id), FAULT_FILE), 'utf8'));
  } catch (e) {
    throw new FixtureError(`${where}: cannot read as JSON (${(e as Error).message})`);
  }
  return parseFault(raw, where, lab.config.files);
}

const TEXT_OR_WHOLE = 'expected {"file", "find", "replace"} or {"file", "wholeFile": true}';

/** One edit; which of the two shapes it has is checked once its fields are known. */
function editSchema(files: readonly string[]) {
  return z
    .object(
      {
        file: z.string(must(`must name one of the lab's files (${files.join(', ')})`)).refine(
          (f) => files.includes(f),
          (f) => ({ message: `names "${f}", not one of the lab's files (${files.join(', ')})` }),
        ),
        find: z.string(must('must be non-empty text')).min(1).optional(),
        replace: z.string(must('must be text (empty to delete)')).optional(),
        wholeFile: z.literal(true, must('must be true')).optional(),
      },
      must(TEXT_OR_WHOLE),
    )
    .strict()
    .superRefine((e, ctx) => {
      const text = e.find !== undefined && e.replace !== undefined && e.wholeFile === undefined;
      const whole = e.wholeFile === true && e.find === undefined && e.replace === undefined;
      if (!text && !whole) ctx.addIssue({ code: 'custom', message: TEXT_OR_WHOLE });
      else if (text && e.find === e.replace)
        ctx.addIssue({ code: 'custom', path: ['replace'], message: 'equals "find": the edit changes nothing' });
    })
    .transform(
      (e): Edit => (e.wholeFile ? { file: e.file, wholeFile: true } : { file: e.file, find: e.find ?? '', replace: e.replace ?? '' }),
    );
}

/** `fault.json` for a lab whose learner files are `files`. */
function faultSchema(files: readonly string[]) {
  const score = z.number(must('must be a number, with 0 ≤ min ≤ max')).min(0);
  return z
    .object(
      {
        description: z
          .string(must('must say what is wrong, in one sentence'))
          .refine((d) => d.trim() !== '', 'must say what is wrong, in one sentence'),
        min: score,
        max: score,
        edits: z.array(editSchema(files), must('must list at least one edit')).min(1),
      },
      must('expected a JSON object'),
    )
    .strict()
    .refine((f) => f.min <= f.max, { path: ['max'], message: 'must be at least "min" (0 ≤ min ≤ max)' });
}

/** Checks the shape of a parsed `fault.json`; `files` are the lab's learner files. */
export function parseFault(raw: unknown, where: string, files: readonly string[]): Fault {
  return parseWith(faultSchema(files), raw, (problems) => new FixtureError(`${where}: ${problems}`));
}

/** How many times `needle` occurs in `text`, overlaps included (so "aa" in "aaa" is 2: ambiguous). */
function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
  return n;
}

/**
 * Applies `edits` in order to `files` (learner file → text) and returns the edited copy; a
 * later edit sees the earlier ones. `wholeFile(file)` gives a whole-file replacement's text.
 * @throws FixtureError naming the fixture, the file and the text when a `find` does not occur
 *   exactly once, or when an edit names a file that is not in `files`
 */
export function applyEdits(
  fixture: string,
  files: ReadonlyMap<string, string>,
  edits: readonly Edit[],
  wholeFile: (file: string) => string,
): Map<string, string> {
  const out = new Map(files);
  for (const edit of edits) {
    const text = out.get(edit.file);
    if (text === undefined)
      throw new FixtureError(`${fixture}: unknown file "${edit.file}" (the lab's files are ${[...files.keys()].join(', ')})`);
    if ('wholeFile' in edit) {
      out.set(edit.file, wholeFile(edit.file));
      continue;
    }
    const n = occurrences(text, edit.find);
    if (n !== 1) {
      throw new FixtureError(
        `${fixture}: ${edit.file}: ${JSON.stringify(edit.find)} occurs ${n} times; it must occur exactly once (did the solution change?)`,
      );
    }
    const at = text.indexOf(edit.find);
    out.set(edit.file, text.slice(0, at) + edit.replace + text.slice(at + edit.find.length));
  }
  return out;
}

/**
 * The learner files of fixture `id`: the lab's reference files with the fault's edits applied.
 * @throws FixtureError when `fault.json` is invalid, an edit does not apply, a whole-file
 *   replacement is missing, or the folder holds a file no edit names (it would be ignored)
 */
export function materialiseFault(lab: Lab, id: string): Map<string, string> {
  const fault = readFault(lab, id);
  const dir = fixtureDir(lab, id);
  const fixture = `${lab.config.id}/submissions/${id}`;
  const whole = new Set(fault.edits.filter((e) => 'wholeFile' in e).map((e) => e.file));
  const stray = walk(dir).filter((f) => f !== FAULT_FILE && !whole.has(f));
  if (stray.length > 0)
    throw new FixtureError(`${fixture}: ${stray.join(', ')} not named by any {"wholeFile": true} edit in ${FAULT_FILE}`);
  const originals = new Map(lab.config.files.map((f) => [f, fs.readFileSync(path.join(lab.dir, f), 'utf8')]));
  return applyEdits(fixture, originals, fault.edits, (file) => {
    const p = path.join(dir, file);
    if (!fs.existsSync(p)) throw new FixtureError(`${fixture}: ${file} is a whole-file edit, but the fixture folder has no ${file}`);
    return fs.readFileSync(p, 'utf8');
  });
}

/** Writes fixture `id` as a submission folder `dest` (the learner files only). */
export function writeFault(lab: Lab, id: string, dest: string): void {
  for (const [file, text] of materialiseFault(lab, id)) {
    fs.mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
    fs.writeFileSync(path.join(dest, file), text);
  }
}
