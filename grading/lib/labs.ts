/**
 * Lab discovery and `lab.json`: which labs exist, and resolving what a user typed
 * (`lab-00`, `00`, or the folder name) to one of them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { must, parseWith } from './schema';

/** The contents of `lab.json`. */
export interface LabConfig {
  /** Folder name, `lab-NN-kebab-title`. */
  id: string;
  title: string;
  /** Learner files, relative to the lab folder; their marked regions become stubs. */
  files: string[];
  /** Ids of earlier labs this one builds on. */
  builds_on: string[];
  /**
   * Labs whose files the learner's own labs folder supplies where they changed them (the rest
   * stay the reference answers): for a lab graded on the whole service (lab 03's image).
   */
  learner_labs?: string[];
  /** Total points of public + instructor checks (the meta-tests hold the graders to it). */
  max_score: number;
  /** Per-check time limit (ms) and per-submission wall-clock limit (s). */
  timeouts: { test_ms: number; submission_s: number };
  /** Memory limit of the process running the submission, MiB. */
  memory_mb: number;
  /** How instructor checks show on Gradescope. */
  instructor_visibility: 'after_published' | 'hidden';
}

/** A lab found on disk. */
export interface Lab {
  config: LabConfig;
  /** Absolute path of the lab folder. */
  dir: string;
}

/** Bad user input about labs: printed as is, never with a stack trace. */
export class LabError extends Error {
  override name = 'LabError';
}

const LAB_ID = /^lab-\d\d-[a-z0-9-]+$/;
const insideLab = (f: string): boolean => !path.isAbsolute(f) && !f.split('/').includes('..');
const positive = (message: string) => z.number(must(message)).positive();

/** `lab.json`, with the defaults a lab may leave out. */
const LAB_CONFIG = z
  .object(
    {
      id: z.string(must('must look like "lab-NN-kebab-title"')).regex(LAB_ID),
      title: z.string(must('must be a non-empty string')).min(1),
      files: z
        .array(
          z.string(must('must be a path inside the lab folder')).refine(insideLab, 'must be a path inside the lab folder'),
          must('must list learner files relative to the lab folder'),
        )
        .min(1),
      builds_on: z.array(z.string().regex(LAB_ID), must('must be a list of lab ids ("lab-NN-kebab-title")')).default([]),
      learner_labs: z.array(z.string().regex(LAB_ID), must('must be a list of lab ids ("lab-NN-kebab-title")')).optional(),
      max_score: positive('must be a positive number'),
      timeouts: z
        .object(
          {
            test_ms: positive('must be a positive number of milliseconds'),
            submission_s: positive('must be a positive number of seconds'),
          },
          must('needs positive "test_ms" and "submission_s"'),
        )
        .strict()
        .default({ test_ms: 10000, submission_s: 300 }),
      memory_mb: z.number(must('must be a whole number of MiB, at least 16')).int().min(16).default(1024),
      instructor_visibility: z
        .enum(['after_published', 'hidden'], must('must be "after_published" or "hidden"'))
        .default('after_published'),
    },
    must('expected a JSON object'),
  )
  .strict() satisfies z.ZodType<LabConfig, z.ZodTypeDef, unknown>;

/** Reads and validates a `lab.json`; every problem names the file and the field. */
export function readLabConfig(file: string): LabConfig {
  const fail = (what: string): LabError => new LabError(`${file}: ${what}`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw fail(`cannot read as JSON (${(e as Error).message})`);
  }
  const c = parseWith(LAB_CONFIG, raw, fail);
  if (c.id !== path.basename(path.dirname(file))) throw fail(`"id" (${c.id}) must equal the folder name`);
  if (c.builds_on.includes(c.id)) throw fail(`"builds_on" names the lab itself (${c.id})`);
  if (c.learner_labs?.includes(c.id)) throw fail(`"learner_labs" names the lab itself (${c.id})`);
  return c;
}

/**
 * Every lab that `labId` builds on, directly or through another lab, earliest first.
 * @throws LabError naming the lab.json for an unknown lab id or a cycle
 */
export function ancestorsOf(labs: Lab[], labId: string): Lab[] {
  const byId = new Map(labs.map((l) => [l.config.id, l]));
  const found = new Map<string, Lab>();
  const visit = (id: string, trail: string[]): void => {
    const lab = byId.get(id);
    if (!lab) throw new LabError(`unknown lab "${id}"`);
    for (const dep of lab.config.builds_on) {
      if (trail.includes(dep)) {
        throw new LabError(`${id}/lab.json: "builds_on" makes a cycle: ${[...trail, dep].join(' → ')}`);
      }
      const depLab = byId.get(dep);
      if (!depLab) {
        const known = [...byId.keys()].join(', ') || '(none)';
        throw new LabError(`${id}/lab.json: "builds_on" names "${dep}", which is not a lab here (labs: ${known})`);
      }
      visit(dep, [...trail, dep]);
      found.set(dep, depLab);
    }
  };
  visit(labId, [labId]);
  return [...found.values()].sort((a, b) => (a.config.id < b.config.id ? -1 : 1));
}

/** Checks every lab's `builds_on` (ids exist, no cycles). @throws LabError naming the lab.json */
export function checkBuildsOn(labs: Lab[]): void {
  for (const lab of labs) ancestorsOf(labs, lab.config.id);
}

/** Every `<root>/lab-*` folder holding a `lab.json`, sorted by id; `builds_on` is checked across them. */
export function listLabs(root: string): Lab[] {
  if (!fs.existsSync(root)) return [];
  const labs = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith('lab-') && fs.existsSync(path.join(root, d.name, 'lab.json')))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ dir: path.join(root, name), config: readLabConfig(path.join(root, name, 'lab.json')) }));
  checkBuildsOn(labs);
  return labs;
}

/**
 * Finds the lab a user named: `lab-00`, `00`, `0`, or the full folder name.
 * @throws LabError listing the labs there are
 */
export function resolveLab(root: string, name: string): Lab {
  const labs = listLabs(root);
  const num = /^(?:lab-)?(\d{1,2})$/.exec(name.trim());
  const wanted = num ? `lab-${(num[1] ?? '').padStart(2, '0')}-` : undefined;
  const hit = labs.find((l) => l.config.id === name.trim() || (wanted !== undefined && l.config.id.startsWith(wanted)));
  if (hit) return hit;
  const known = labs.map((l) => `  ${l.config.id}  ${l.config.title}`).join('\n') || '  (none)';
  throw new LabError(`unknown lab "${name}". Labs:\n${known}`);
}
