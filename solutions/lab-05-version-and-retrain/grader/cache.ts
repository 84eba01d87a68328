/**
 * What lab 05's checks measure that does not depend on the submission (the holdout's and the
 * tune rows' labels and texts, the committed model's scores) or depends only on a model file's
 * bytes (a retrain's scores): computed once per grader process and kept on disk in the grading
 * run's own work folder, so a class of submissions reads the datasets and scores the committed
 * model once, and each submission pays only for what its own code wrote.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readSpamSplit, type SpamRow, type SpamSplit } from '../../../datasets/read';
import { loadArtifact, type LoadedModel } from '../../../mlkit/artifact';
import { submission } from '../../../grading/harness';

/** sha256 of the parts, each ended by a NUL so that ("ab", "c") and ("a", "bc") differ. */
export function digest(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

let disk: string | undefined | null;

/**
 * The work folder of this grading run holds each submission's staged root (`<work>/sbx-…/labs`);
 * the cache sits beside those roots, where no sandbox can write. Trusted only when it is ours and
 * nobody else may write to it; otherwise the cache stays in memory.
 */
function diskDir(): string | undefined {
  if (disk !== undefined) return disk ?? undefined;
  disk = null;
  try {
    const dir = path.join(path.dirname(path.dirname(submission().stagedLabsDir)), 'lab05-grader-cache');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    if (st.uid === process.getuid?.() && (st.mode & 0o022) === 0) disk = dir;
  } catch {
    // no submission staged (a unit test), or the folder is not writable: memory only
  }
  return disk ?? undefined;
}

const memory = new Map<string, unknown>();

/** `make()` once per key: in memory, then on disk for the next submission of the run. */
export function cached<T>(key: string, make: () => T): T {
  if (memory.has(key)) return memory.get(key) as T;
  const dir = diskDir();
  const file = dir === undefined ? undefined : path.join(dir, `${digest(key)}.json`);
  let value: T | undefined;
  if (file !== undefined) {
    try {
      value = JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch {
      value = undefined; // not there yet, or half-written by a run that was killed
    }
  }
  if (value === undefined) {
    value = make();
    const text = JSON.stringify(value);
    // Only what survives JSON unchanged goes to disk (NaN would come back as null).
    if (file !== undefined && text !== undefined && isDeepStrictEqual(JSON.parse(text), value)) {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, text);
      renameSync(tmp, file); // atomic: a parallel grader reads the old state or the whole file
    }
  }
  memory.set(key, value);
  return value;
}

const splits = new Map<SpamSplit, SpamRow[]>();

/** A split of the datasets, read once per process. */
export function split(name: SpamSplit): SpamRow[] {
  const rows = splits.get(name) ?? readSpamSplit(name);
  splits.set(name, rows);
  return rows;
}

/** Period 2 in date order, cut in half: the labelled mail a retrain may use, then the gate's holdout. */
export function labelledHalf(): { labelled: SpamRow[]; holdout: SpamRow[] } {
  const production = split('production');
  const half = Math.floor(production.length / 2);
  return { labelled: production.slice(0, half), holdout: production.slice(half) };
}

/** The row sets the checks score models on: the gate's holdout, a retrain's tune rows, period 1's test split. */
export type RowSet = 'holdout' | 'tune' | 'test';

function rowsOf(set: RowSet): SpamRow[] {
  if (set === 'holdout') return labelledHalf().holdout;
  if (set === 'test') return split('test');
  const { labelled } = labelledHalf();
  return [...split('validation'), ...labelled.slice(Math.floor(0.75 * labelled.length))];
}

/** The texts of a row set (read only when a model must be scored on it). */
export function textsOf(set: RowSet): string[] {
  return cached(`texts ${set}`, () => rowsOf(set).map((r) => r.text));
}

/** The labels of a row set, 1 = spam, 0 = ham. */
export function labelsOf(set: RowSet): (0 | 1)[] {
  return cached(`labels ${set}`, () => rowsOf(set).map((r) => (r.label === 'spam' ? 1 : 0)));
}

const loaded = new Map<string, LoadedModel>();

/** `loadArtifact(dir)` (checksums verified, errors as it throws them), once per process for the same files. */
export function artifactAt(dir: string): LoadedModel {
  const read = (f: string): Buffer => readFileSync(path.join(dir, f));
  let key: string;
  try {
    key = digest(path.resolve(dir), read('model.json'), read('metadata.json'));
  } catch {
    return loadArtifact(dir); // a missing file: its own error
  }
  const model = loaded.get(key) ?? loadArtifact(dir);
  loaded.set(key, model);
  return model;
}

/**
 * A saved model's threshold and P(spam) on a row set, keyed by the bytes of its `model.json`.
 * @param verify load it with its checksums verified first (a submission's model); false for the committed one
 */
export function scoresOf(dir: string, set: RowSet, verify = true): { threshold: number; scores: number[] } {
  const model = verify ? artifactAt(dir) : undefined;
  const key = `scores ${set} ${digest(readFileSync(path.join(dir, 'model.json')))}`;
  return cached(key, () => {
    const m = model ?? artifactAt(dir);
    return { threshold: m.threshold, scores: m.predictProba(textsOf(set)) };
  });
}
