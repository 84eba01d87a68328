/**
 * Faulty fixture submissions, kept as edits of the lab's reference solution rather than as
 * copies of it: `solutions/<lab>/submissions/faulty-…/fault.json` says what is wrong and how
 * to get there from the solution, so a change to a solution file reaches every fixture, and a
 * change that breaks a fixture's edit stops materialising with an error naming it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walk } from './build';
import type { Lab } from './labs';

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
  return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name.startsWith('faulty-')).map((d) => d.name).sort();
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

const FAULT_KEYS = ['description', 'min', 'max', 'edits'];

/** Checks the shape of a parsed `fault.json`; `files` are the lab's learner files. */
export function parseFault(raw: unknown, where: string, files: readonly string[]): Fault {
  const fail = (what: string): never => {
    throw new FixtureError(`${where}: ${what}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('expected a JSON object');
  const f = raw as Record<string, unknown>;
  const unknown = Object.keys(f).filter((k) => !FAULT_KEYS.includes(k));
  if (unknown.length > 0) fail(`unknown field ${unknown.map((k) => `"${k}"`).join(', ')} (expected ${FAULT_KEYS.join(', ')})`);
  if (typeof f['description'] !== 'string' || f['description'].trim() === '') fail('"description" must say what is wrong, in one sentence');
  const { min, max } = f;
  if (typeof min !== 'number' || typeof max !== 'number' || !(min >= 0) || !(max >= min)) fail('"min" and "max" must be numbers with 0 ≤ min ≤ max');
  if (!Array.isArray(f['edits']) || f['edits'].length === 0) fail('"edits" must list at least one edit');
  const edits = (f['edits'] as unknown[]).map((e, i) => parseEdit(e, (what) => fail(`edits[${i}]: ${what}`), files));
  return { description: f['description'] as string, min: min as number, max: max as number, edits };
}

function parseEdit(raw: unknown, fail: (what: string) => never, files: readonly string[]): Edit {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('expected an object');
  const e = raw as Record<string, unknown>;
  const file = e['file'];
  if (typeof file !== 'string') return fail('"file" must name one of the lab\'s files');
  if (!files.includes(file)) return fail(`unknown file "${file}": the lab's files are ${files.join(', ')}`);
  const keys = Object.keys(e).sort().join(',');
  if (keys === 'file,wholeFile') {
    if (e['wholeFile'] !== true) fail('"wholeFile" must be true');
    return { file, wholeFile: true };
  }
  if (keys !== 'file,find,replace') return fail('expected {"file", "find", "replace"} or {"file", "wholeFile": true}');
  const { find, replace } = e;
  if (typeof find !== 'string' || find === '') return fail('"find" must be non-empty text');
  if (typeof replace !== 'string') return fail('"replace" must be text (empty to delete)');
  if (find === replace) return fail('"replace" equals "find": the edit changes nothing');
  return { file, find, replace };
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
export function applyEdits(fixture: string, files: ReadonlyMap<string, string>, edits: readonly Edit[], wholeFile: (file: string) => string): Map<string, string> {
  const out = new Map(files);
  for (const edit of edits) {
    const text = out.get(edit.file);
    if (text === undefined) throw new FixtureError(`${fixture}: unknown file "${edit.file}" (the lab's files are ${[...files.keys()].join(', ')})`);
    if ('wholeFile' in edit) {
      out.set(edit.file, wholeFile(edit.file));
      continue;
    }
    const n = occurrences(text, edit.find);
    if (n !== 1) {
      throw new FixtureError(`${fixture}: ${edit.file}: ${JSON.stringify(edit.find)} occurs ${n} times; it must occur exactly once (did the solution change?)`);
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
  if (stray.length > 0) throw new FixtureError(`${fixture}: ${stray.join(', ')} not named by any {"wholeFile": true} edit in ${FAULT_FILE}`);
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
